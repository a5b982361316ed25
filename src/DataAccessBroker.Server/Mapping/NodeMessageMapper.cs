using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Federation;
using DataAccessBroker.Infrastructure.Federation;
using Google.Protobuf.WellKnownTypes;
using Proto = DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Server.Mapping;

/// <summary>
/// Messages between nodes, domain ↔ wire. What arrives is another node's input like any request: checked field by
/// field, refused as INVALID_ARGUMENT with the fields named, before anything is stored.
/// </summary>
public static class NodeMessageMapper
{
    public static Proto.NodeMessage ToProto(this NodeEnvelope envelope)
    {
        var message = new Proto.NodeMessage
        {
            MessageId = envelope.MessageId.ToString(),
            Sender = envelope.Sender,
            HomeApplication = ResourceNames.Application(envelope.HomeApplication),
            Sequence = envelope.Sequence,
            SendTime = Timestamp.FromDateTimeOffset(envelope.SendTime),
        };
        switch (envelope.Body)
        {
            case FederationMessage.Forward m:
                message.Forward = new Proto.ForwardedPart { Part = m.Part.ToProto(), Applicant = m.Applicant };
                break;
            case FederationMessage.Resubmit m:
                message.Resubmit = new Proto.ForwardedPart { Part = m.Part.ToProto(), Comment = m.Comment ?? "" };
                break;
            case FederationMessage.Withdraw m:
                message.Withdraw = new Proto.Withdrawal { Reason = m.Reason };
                break;
            case FederationMessage.Status m:
                message.Status = new Proto.PeerStatus { State = m.State.ToProto() };
                break;
            case FederationMessage.ChangesRequested m:
                message.ChangesRequested = new Proto.PeerChangesRequested { Comment = m.Comment };
                break;
            case FederationMessage.Decision m:
                message.Decision = new Proto.PeerDecision
                {
                    Approved = m.Approved, Conditions = m.Conditions ?? "", Comment = m.Comment ?? "",
                };
                break;
            case FederationMessage.Delivered m:
                message.Delivered = new Proto.PeerDelivery
                {
                    DataSource = m.DataSource, Comment = m.Comment ?? "", DeliverTime = Timestamp.FromDateTimeOffset(m.Time),
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(envelope), envelope.Body.GetType().Name, "an unknown message");
        }

        return message;
    }

    /// <param name="receiver">This node's code: the destination of every message it receives.</param>
    public static NodeEnvelope ToEnvelope(Proto.NodeMessage? message, string receiver)
    {
        if (message is null) throw new InvalidInputException("message", "is required");
        var violations = new List<FieldViolation>();
        if (!Guid.TryParse(message.MessageId, out var messageId))
        {
            violations.Add(new("message.message_id", "must be a UUID"));
        }

        if (!ResourceNames.TryParseApplication(message.HomeApplication, out var homeApplication))
        {
            violations.Add(new("message.home_application", "must be an application name: applications/{uuid}"));
        }

        if (message.Sequence < 1) violations.Add(new("message.sequence", "must be 1 or more"));
        var body = Body(message, receiver, violations);
        if (violations.Count > 0 || body is null) throw new InvalidInputException(violations);
        var sent = message.SendTime is { } time ? time.ToDateTimeOffset() : DateTimeOffset.UnixEpoch;
        return new NodeEnvelope(messageId, message.Sender, homeApplication, message.Sequence, sent, body);
    }

    private static FederationMessage? Body(Proto.NodeMessage message, string receiver, List<FieldViolation> violations)
    {
        string? Text(string value, string field, bool required) =>
            Checked(() => RequestFields.Comment(value, required, $"message.{field}"), violations);

        switch (message.BodyCase)
        {
            case Proto.NodeMessage.BodyOneofCase.Forward:
                var applicant = Text(message.Forward.Applicant, "forward.applicant", true);
                var forwarded = Part(message.Forward, "forward", violations);
                return applicant is null || forwarded is null ? null : new FederationMessage.Forward(receiver, forwarded, applicant);
            case Proto.NodeMessage.BodyOneofCase.Resubmit:
                var comment = Text(message.Resubmit.Comment, "resubmit.comment", false);
                var resubmitted = Part(message.Resubmit, "resubmit", violations);
                return resubmitted is null ? null : new FederationMessage.Resubmit(receiver, resubmitted, comment);
            case Proto.NodeMessage.BodyOneofCase.Withdraw:
                var reason = Text(message.Withdraw.Reason, "withdraw.reason", true);
                return reason is null ? null : new FederationMessage.Withdraw(receiver, reason);
            case Proto.NodeMessage.BodyOneofCase.Status:
                if (message.Status.State != Proto.Application.Types.State.Unspecified
                    && System.Enum.IsDefined(message.Status.State))
                {
                    return new FederationMessage.Status(receiver, (ApplicationState)((int)message.Status.State - 1));
                }

                violations.Add(new("message.status.state", "must be a known application state"));
                return null;
            case Proto.NodeMessage.BodyOneofCase.ChangesRequested:
                var asked = Text(message.ChangesRequested.Comment, "changes_requested.comment", true);
                return asked is null ? null : new FederationMessage.ChangesRequested(receiver, asked);
            case Proto.NodeMessage.BodyOneofCase.Decision:
                var d = message.Decision;
                var conditions = Text(d.Conditions, "decision.conditions", false);
                var said = Text(d.Comment, "decision.comment", false);
                return new FederationMessage.Decision(receiver, d.Approved, conditions, said);
            case Proto.NodeMessage.BodyOneofCase.Delivered:
                var source = Text(message.Delivered.DataSource, "delivered.data_source", true);
                var note = Text(message.Delivered.Comment, "delivered.comment", false);
                var deliverTime = message.Delivered.DeliverTime?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
                return source is null ? null : new FederationMessage.Delivered(receiver, source, deliverTime, note);
            default:
                violations.Add(new("message.body", "is required: one of forward, resubmit, withdraw, status, " +
                                                   "changes_requested, decision, delivered"));
                return null;
        }
    }

    private static ApplicationDetails? Part(Proto.ForwardedPart part, string field, List<FieldViolation> violations)
    {
        if (part.Part is null)
        {
            violations.Add(new($"message.{field}.part", "is required"));
            return null;
        }

        return Checked(() => ApplicationInputMapper.ToDetails(part.Part), violations, $"message.{field}.part.");
    }

    /// <summary>Runs a field's check, collecting its violations (renamed under <paramref name="prefix"/>) instead of throwing.</summary>
    private static T? Checked<T>(Func<T?> check, List<FieldViolation> violations, string prefix = "") where T : class
    {
        try
        {
            return check();
        }
        catch (InvalidInputException e)
        {
            violations.AddRange(e.Violations.Select(v => v with { Field = prefix + v.Field.Replace("application.", "") }));
            return null;
        }
    }
}
