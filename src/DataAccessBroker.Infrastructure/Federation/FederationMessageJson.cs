using System.Text.Json;
using DataAccessBroker.Domain.Federation;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>How a message is kept in the outbox and inbox: its kind, and its fields as JSON.</summary>
internal static class FederationMessageJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> Kinds = typeof(FederationMessage).GetNestedTypes()
        .Where(t => t.IsSubclassOf(typeof(FederationMessage))).ToDictionary(t => t.Name);

    public static string KindOf(FederationMessage message) => message.GetType().Name;

    public static string Serialize(FederationMessage message) => JsonSerializer.Serialize(message, message.GetType(), Json);

    public static FederationMessage Deserialize(string kind, string json) =>
        (FederationMessage)(JsonSerializer.Deserialize(json, Kinds[kind], Json)
                            ?? throw new JsonException($"an empty {kind} message"));
}
