namespace DataAccessBroker.Infrastructure.Operations;

/// <summary>One row of the notification outbox; <see cref="SentTime"/> is null until a sender has sent it.</summary>
public sealed record QueuedNotification(
    long Id,
    Guid ApplicationId,
    Guid? TaskId,
    string Kind,
    string Recipient,
    string Message,
    DateTimeOffset CreateTime,
    DateTimeOffset? SentTime);
