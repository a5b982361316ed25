using System.Globalization;
using System.Text;
using DataAccessBroker.Domain.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace DataAccessBroker.Server.Errors;

/// <summary>
/// Error answers that fit in the 8 KiB of headers standard gRPC clients accept, whatever the request held: the message,
/// the first <see cref="MaxViolations"/> violations, each clipped, and in <c>ErrorInfo</c>'s metadata how many there
/// were in all. The status travels base64-encoded (grpc-status-details-bin) and its message percent-encoded
/// (grpc-message), so the bounds are UTF-8 bytes chosen to stay under about 5.5 KiB of headers after both encodings.
/// Echoed input (a value in a description) is clipped with the rest.
/// </summary>
public static class BoundedStatus
{
    public const int MaxViolations = 10, MaxFieldBytes = 100, MaxDescriptionBytes = 160, MaxMessageBytes = 300;
    private const int ViolationsInMessage = 3;

    public static Google.Rpc.Status Of(Code code, string reason, string message, Google.Protobuf.IMessage? detail = null,
        int? violations = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = ErrorMappingInterceptor.ErrorDomain };
        if (violations is { } count) info.Metadata["violations"] = count.ToString(CultureInfo.InvariantCulture);
        var status = new Google.Rpc.Status { Code = (int)code, Message = Clip(message, MaxMessageBytes), Details = { Any.Pack(info) } };
        if (detail is not null) status.Details.Add(Any.Pack(detail));
        return status;
    }

    public static Google.Rpc.Status InvalidInput(InvalidInputException e) =>
        Of(Code.InvalidArgument, e.Reason, Summary("The request has invalid fields", e.Violations.Select(v => $"{v.Field}: {v.Description}"), e.Violations.Count),
            new BadRequest
            {
                FieldViolations =
                {
                    e.Violations.Take(MaxViolations).Select(v => new BadRequest.Types.FieldViolation
                    {
                        Field = Clip(v.Field, MaxFieldBytes), Description = Clip(v.Description, MaxDescriptionBytes),
                    }),
                },
            },
            e.Violations.Count);

    public static Google.Rpc.Status Workflow(WorkflowException e) =>
        Of(Code.FailedPrecondition, e.Reason, e.Message,
            new PreconditionFailure
            {
                Violations =
                {
                    e.Violations.Take(MaxViolations).Select(v => new PreconditionFailure.Types.Violation
                    {
                        Type = Clip(v.Type, MaxFieldBytes), Subject = Clip(v.Subject, MaxFieldBytes),
                        Description = Clip(v.Description, MaxDescriptionBytes),
                    }),
                },
            },
            e.Violations.Count);

    /// <summary>"Lead: first; second; third (and 9,997 more)".</summary>
    private static string Summary(string lead, IEnumerable<string> items, int count)
    {
        var shown = string.Join("; ", items.Take(ViolationsInMessage).Select(i => Clip(i, MaxDescriptionBytes)));
        return count > ViolationsInMessage
            ? $"{lead}: {shown} (and {count - ViolationsInMessage:N0} more)"
            : $"{lead}: {shown}";
    }

    /// <summary>The text cut to at most <paramref name="maxBytes"/> UTF-8 bytes, whole characters only, marked with "…".</summary>
    public static string Clip(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var kept = new StringBuilder();
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes - 3) break;
            kept.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        return kept.Append('…').ToString();
    }
}
