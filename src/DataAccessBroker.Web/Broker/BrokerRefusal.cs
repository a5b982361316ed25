using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DataAccessBroker.Web.Broker;

/// <summary>
/// What the broker said when it refused a call: its message, its reason code and the fields or preconditions it named
/// (API paths such as <c>data_sources[1].variables</c>, without the request's <c>application.</c> prefix).
/// </summary>
public sealed record BrokerRefusal(StatusCode Code, string Reason, string Message,
    IReadOnlyList<(string Field, string Description)> Violations)
{
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

    /// <summary>
    /// Puts what the broker said beside the fields it named (<paramref name="fieldOf"/> turns an API path into the
    /// form's field), or at the top of the form when it named none.
    /// </summary>
    public void ShowOn(ModelStateDictionary modelState, Func<string, string> fieldOf)
    {
        foreach (var (field, description) in Violations) modelState.AddModelError(fieldOf(field), description);
        if (Violations.Count == 0) modelState.AddModelError("", Message);
    }

    /// <summary>A colleague (or another tab) changed the object since this page read it.</summary>
    public bool IsConcurrentChange => Code == StatusCode.Aborted;

    private static string Path(string field) =>
        field.StartsWith("application.", StringComparison.Ordinal) ? field["application.".Length..] : field;
}
