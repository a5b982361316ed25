using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataAccessBroker.Cli.Commands;
using Google.Rpc;
using Grpc.Core;

namespace DataAccessBroker.Cli.Errors;

/// <summary>
/// A failed command as dab reports it: one line in plain words, each field the broker named once and as the user
/// wrote it (<see cref="FieldNames"/>), the exit code scripts branch on; as text on stderr, or under --json as one
/// JSON object on stderr: <c>{"error":{"code","reason","exit_code","message","field_violations":[{"field",
/// "description"}],"precondition_violations":[{"subject","description"}],"created"}}</c>.
/// </summary>
internal sealed record DabError(int ExitCode, string Code, string Message)
{
    public string Reason { get; init; } = "";
    public IReadOnlyList<(string Field, string Description)> FieldViolations { get; init; } = [];
    public IReadOnlyList<(string Subject, string Description)> PreconditionViolations { get; init; } = [];
    /// <summary>Violations the broker counted but left out of its answer (it names at most ten).</summary>
    public int Unlisted { get; init; }
    /// <summary>What was done before the failure, and what to do about it (a draft created but not submitted).</summary>
    public string Note { get; init; } = "";
    /// <summary>The id of what was created before the failure, for scripts.</summary>
    public string Created { get; init; } = "";

    /// <summary>Refusals of the workflow that are really missing fields: exit 4 like any other invalid input.</summary>
    private const string Incomplete = "APPLICATION_INCOMPLETE";

    public static DabError From(UsageException e) => new(e.ExitCode, e.ExitCode switch
    {
        ExitCodes.NotFound => "NOT_FOUND",
        ExitCodes.AuditBroken => "HISTORY_CHANGED",
        _ => "USAGE",
    }, e.Message);

    /// <param name="command">The command that failed: it decides how the broker's field paths are shown.</param>
    /// <param name="server">The address dab tried, named when the broker cannot be reached.</param>
    public static DabError From(RpcException e, Command command, string server)
    {
        var status = e.GetRpcStatus();
        var reason = status?.GetDetail<ErrorInfo>()?.Reason ?? "";
        var fields = (status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
            .Select(v => (FieldNames.For(command, v.Field), v.Description)).ToList();
        var preconditions = (status?.GetDetail<PreconditionFailure>()?.Violations ?? [])
            .Select(v => (FieldNames.For(command, v.Subject), v.Description)).ToList();
        var incomplete = e.StatusCode == StatusCode.FailedPrecondition && reason == Incomplete;
        if (incomplete) (fields, preconditions) = (preconditions, []);
        var counted = int.TryParse(status?.GetDetail<ErrorInfo>()?.Metadata.GetValueOrDefault("violations"), out var all) ? all : 0;
        var listed = (status?.GetDetail<BadRequest>()?.FieldViolations.Count ?? 0)
            + (status?.GetDetail<PreconditionFailure>()?.Violations.Count ?? 0);

        var message = e.StatusCode switch
        {
            StatusCode.Unauthenticated => "not signed in, or the session expired. Run 'dab login <user>'.",
            StatusCode.PermissionDenied => "your role may not do that.",
            // The broker answered, but cannot serve now (its database away, shutting down, the access log).
            StatusCode.Unavailable when reason.Length > 0 => $"{status!.Message}.",
            StatusCode.Unavailable =>
                $"cannot reach the broker at {server} ({e.Status.Detail}). Is it running? Check --server or DAB_SERVER.",
            StatusCode.DeadlineExceeded => $"the broker at {server} did not answer in time.",
            StatusCode.ResourceExhausted => $"the request is too large ({e.Status.Detail}).",
            _ when incomplete => "the application is not complete; submission needs:",
            _ when fields.Count > 0 => "invalid input:",
            _ when preconditions.Count > 0 => "refused:",
            _ => status?.Message ?? e.Status.Detail,
        };
        return new DabError(incomplete ? ExitCodes.InvalidInput : ExitCodeOf(e.StatusCode), CodeName(e.StatusCode), message)
        {
            Reason = reason,
            FieldViolations = fields.Distinct().ToList(),
            PreconditionViolations = preconditions.Distinct().ToList(),
            Unlisted = Math.Max(0, counted - listed),
        };
    }

    public void WriteTo(TextWriter stderr, bool json)
    {
        if (json)
        {
            stderr.WriteLine(ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        stderr.WriteLine($"dab: {Message}");
        foreach (var (field, description) in FieldViolations) stderr.WriteLine($"  {field}: {description}");
        foreach (var (subject, description) in PreconditionViolations) stderr.WriteLine($"  {subject}: {description}");
        if (Unlisted > 0) stderr.WriteLine($"  … and {Unlisted} more");
        if (Note.Length > 0) stderr.WriteLine(Note);
    }

    private JsonObject ToJson()
    {
        var error = new JsonObject { ["code"] = Code, ["exit_code"] = ExitCode, ["message"] = Message };
        if (Reason.Length > 0) error["reason"] = Reason;
        if (FieldViolations.Count > 0)
        {
            error["field_violations"] = new JsonArray(FieldViolations
                .Select(v => (JsonNode)new JsonObject { ["field"] = v.Field, ["description"] = v.Description }).ToArray());
        }

        if (PreconditionViolations.Count > 0)
        {
            error["precondition_violations"] = new JsonArray(PreconditionViolations
                .Select(v => (JsonNode)new JsonObject { ["subject"] = v.Subject, ["description"] = v.Description }).ToArray());
        }

        if (Unlisted > 0) error["unlisted_violations"] = Unlisted;
        if (Note.Length > 0) error["note"] = Note;
        if (Created.Length > 0) error["created"] = Created;
        return new JsonObject { ["error"] = error };
    }

    private static int ExitCodeOf(StatusCode code) => code switch
    {
        StatusCode.NotFound => ExitCodes.NotFound,
        StatusCode.InvalidArgument or StatusCode.ResourceExhausted => ExitCodes.InvalidInput,
        StatusCode.FailedPrecondition or StatusCode.Aborted or StatusCode.AlreadyExists => ExitCodes.Refused,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.NotSignedIn,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => ExitCodes.Unreachable,
        _ => ExitCodes.Failure,
    };

    /// <summary>INVALID_ARGUMENT, FAILED_PRECONDITION …: gRPC's names, as every gRPC client and document spells them.</summary>
    private static string CodeName(StatusCode code) =>
        System.Text.RegularExpressions.Regex.Replace(code.ToString(), "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant();
}
