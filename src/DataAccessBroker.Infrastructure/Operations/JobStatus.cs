namespace DataAccessBroker.Infrastructure.Operations;

/// <summary>Hangfire's recurring jobs, servers and job counts, with the SLA firing backlog and the outbox's depth.</summary>
public sealed record JobStatus(
    IReadOnlyList<RecurringJobState> RecurringJobs,
    IReadOnlyList<JobServerState> Servers,
    long Enqueued,
    long Scheduled,
    long Processing,
    long Succeeded,
    long Failed,
    long OverdueMilestones,
    long UnsentNotifications);

/// <param name="TimeZone">The IANA time zone its cron is read in.</param>
/// <param name="LastState">The state of its last run; null before the first.</param>
/// <param name="Error">Why it could not be scheduled; null when it could.</param>
public sealed record RecurringJobState(
    string Id,
    string Cron,
    string? TimeZone,
    DateTimeOffset? LastExecution,
    string? LastState,
    DateTimeOffset? NextExecution,
    string? Error);

public sealed record JobServerState(
    string Name,
    int Workers,
    IReadOnlyList<string> Queues,
    DateTimeOffset Started,
    DateTimeOffset? Heartbeat);
