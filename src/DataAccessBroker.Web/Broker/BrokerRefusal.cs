using Google.Rpc;
using Grpc.Core;

namespace DataAccessBroker.Web.Broker;

/// <summary>
/// What the broker said when it refused a call: its message, its reason code and the fields or preconditions it named
/// (API paths such as <c>data_sources[1].variables</c>, without the request's <c>application.</c> prefix).
/// </summary>
public sealed record BrokerRefusal(StatusCode Code, string Reason, string Message,
    IReadOnlyList<(string Field, string Description)> Violations)
{
    public const string StaleEtag = "ETAG_MISMATCH";

    public static BrokerRefusal From(RpcException e)
    {
        var status = e.GetRpcStatus();
        var fields = (status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
            .Select(v => (Path(v.Field), v.Description));
        var preconditions = (status?.GetDetail<PreconditionFailure>()?.Violations ?? [])
            .Select(v => (Path(v.Subject), v.Description));
        return new BrokerRefusal(e.StatusCode, status?.GetDetail<ErrorInfo>()?.Reason ?? "",
            status?.Message ?? e.Status.Detail, [.. fields.Concat(preconditions).Distinct()]);
    }

    /// <summary>A colleague (or another tab) changed the object since this page read it.</summary>
    public bool IsConcurrentChange => Code == StatusCode.Aborted;

    private static string Path(string field) =>
        field.StartsWith("application.", StringComparison.Ordinal) ? field["application.".Length..] : field;
}
