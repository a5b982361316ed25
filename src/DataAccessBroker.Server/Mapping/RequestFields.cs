using System.Buffers.Text;
using System.Text.Json;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Persistence;

namespace DataAccessBroker.Server.Mapping;

/// <summary>Checks and parses the request fields every service shares: names, page sizes and tokens, etags, comments.</summary>
public static class RequestFields
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static Guid ApplicationId(string name, string field = "name") =>
        ResourceNames.TryParseApplication(name, out var id)
            ? id
            : throw new InvalidInputException(field, "must be an application name: applications/{uuid}");

    public static (Guid ApplicationId, Guid TaskId) TaskId(string name, string field = "name") =>
        ResourceNames.TryParseTask(name, out var applicationId, out var taskId)
            ? (applicationId, taskId)
            : throw new InvalidInputException(field, "must be a task name: applications/{uuid}/tasks/{uuid}");

    /// <summary>0 means the default (the list's own, or 25); more than the maximum is lowered to it (AIP-158).</summary>
    public static int PageSize(int pageSize, int defaultPageSize = DefaultPageSize) => pageSize switch
    {
        0 => defaultPageSize,
        < 0 => throw new InvalidInputException("page_size", "must not be negative"),
        _ => Math.Min(pageSize, MaxPageSize),
    };

    /// <summary>
    /// An etag as the broker issues them (<c>"7"</c>), or null when none is given. A malformed one is invalid input,
    /// not a stale one: it can never match, and ABORTED would send the client to read and retry in vain.
    /// </summary>
    public static string? Etag(string etag, string field = "etag") =>
        etag.Length == 0 ? null
        : EtagFormat.IsMatch(etag) ? etag
        : throw new InvalidInputException(field, "is not an etag of this broker; use the etag of the object as read");

    private static readonly System.Text.RegularExpressions.Regex EtagFormat = new("^\"[0-9]{1,10}\"$");

    /// <returns>Null for an empty comment when it is optional.</returns>
    public static string? Comment(string comment, bool required, string field = "comment")
    {
        var trimmed = comment.Trim();
        if (trimmed.Length == 0)
        {
            return required ? throw new InvalidInputException(field, "is required: say why") : null;
        }

        // Its length is bounded by the contract, checked before any service runs (RequestLimits).
        return trimmed;
    }

    /// <summary>The states a queue holds: unfinished work.</summary>
    private static readonly StageTaskStatus[] Queued = [StageTaskStatus.Open, StageTaskStatus.Paused, StageTaskStatus.ChangesRequested];

    /// <summary>The states a queue is asked for: none means open; each must be one a queue holds.</summary>
    public static IReadOnlyList<StageTaskStatus> QueueStates(IEnumerable<Contracts.V1.StageTask.Types.State> states)
    {
        var asked = states.ToList();
        if (asked.Count == 0) return [StageTaskStatus.Open];
        var violations = new List<FieldViolation>();
        var parsed = new List<StageTaskStatus>();
        for (var i = 0; i < asked.Count; i++)
        {
            var state = Queued.Cast<StageTaskStatus?>().FirstOrDefault(s => s!.Value.ToProto() == asked[i]);
            if (state is { } known) parsed.Add(known);
            else violations.Add(new FieldViolation($"states[{i}]",
                "a queue holds unfinished tasks only: STATE_OPEN, STATE_PAUSED or STATE_CHANGES_REQUESTED"));
        }

        return violations.Count > 0 ? throw new InvalidInputException(violations) : parsed.Distinct().ToList();
    }

    /// <summary>Page tokens are opaque to clients: a keyset cursor tagged with the list it belongs to.</summary>
    public static string PageToken(string list, PageCursor? cursor) =>
        cursor is null
            ? ""
            : Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
                new TokenBody(list, cursor.Time, cursor.Id, cursor.Sequence, cursor.Position)));

    public static PageCursor? Cursor(string list, string pageToken)
    {
        if (pageToken.Length == 0) return null;
        try
        {
            var body = JsonSerializer.Deserialize<TokenBody>(Base64Url.DecodeFromChars(pageToken));
            if (body is not null && body.List == list) return new PageCursor(body.Time, body.Id, body.Sequence, body.Position);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // Falls through to the one answer a bad token gets.
        }

        throw new InvalidInputException("page_token", "is not a page token of this list; start again without one");
    }

    private sealed record TokenBody(string List, DateTimeOffset Time, Guid Id, int Sequence, long Position);
}
