namespace DataAccessBroker.Domain.Sla;

/// <summary>What the outbox carries for a milestone: who should hear of it and what to tell them.</summary>
public sealed record SlaNotification(
    Guid ApplicationId, Guid TimerId, Guid? TaskId, SlaMilestone Milestone, string Recipient, string Message,
    DateTimeOffset DueTime, DateTimeOffset FiredTime);
