using Google.Rpc;
using Grpc.Core;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// A failed call in one line: the status, and the broker's google.rpc details (reason, field violations,
/// precondition failures), which say what to fix in the request.
/// </summary>
public static class RpcFailure
{
    public static string Describe(RpcException failure)
    {
        var parts = new List<string> { $"{failure.StatusCode}: {failure.Status.Detail}" };
        var status = failure.GetRpcStatus();
        if (status?.GetDetail<ErrorInfo>() is { } info) parts.Add($"reason {info.Reason}");
        if (status?.GetDetail<BadRequest>() is { } badRequest)
        {
            parts.AddRange(badRequest.FieldViolations.Select(v => $"{v.Field}: {v.Description}"));
        }

        if (status?.GetDetail<PreconditionFailure>() is { } precondition)
        {
            parts.AddRange(precondition.Violations.Select(v => $"{v.Type} {v.Subject}: {v.Description}"));
        }

        return string.Join("; ", parts);
    }
}
