using System.Reflection;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Server.Mapping;
using Google.Protobuf.Reflection;

namespace DataAccessBroker.IntegrationTests;

/// <summary>The broker's contract as the generated descriptors describe it: a new service, RPC or field is in here.</summary>
public static class Contract
{
    /// <summary>Every service of package dataaccess.v1.</summary>
    public static IReadOnlyList<ServiceDescriptor> Services { get; } = typeof(Application).Assembly.GetTypes()
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
        .Where(p => p?.PropertyType == typeof(FileDescriptor))
        .Select(p => (FileDescriptor)p!.GetValue(null)!)
        .Where(f => f.Package == "dataaccess.v1")
        .SelectMany(f => f.Services)
        .OrderBy(s => s.FullName)
        .ToList();

    public static IEnumerable<MethodDescriptor> Methods => Services.SelectMany(s => s.Methods);

    /// <summary>
    /// The input fields reachable from a request (output-only ones left out), with their paths, once per message type
    /// of package dataaccess.v1; fields of google.* types (Date, FieldMask …) are checked with the broker's defaults.
    /// </summary>
    public static IEnumerable<(string Path, FieldDescriptor Field)> InputFields(MessageDescriptor request)
    {
        var seen = new HashSet<string>();
        var pending = new Queue<(string Path, MessageDescriptor Message)>([("", request)]);
        while (pending.TryDequeue(out var next))
        {
            if (!next.Message.FullName.StartsWith("dataaccess.v1.", StringComparison.Ordinal) || !seen.Add(next.Message.FullName)) continue;
            foreach (var field in next.Message.Fields.InFieldNumberOrder().Where(RequestLimits.IsInput))
            {
                var path = next.Path.Length == 0 ? field.Name : $"{next.Path}.{field.Name}";
                yield return (path, field);
                if (field.FieldType == FieldType.Message && !field.IsMap) pending.Enqueue((path, field.MessageType));
            }
        }
    }
}
