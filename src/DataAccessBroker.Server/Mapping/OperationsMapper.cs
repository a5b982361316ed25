using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Operations;
using Google.Protobuf.WellKnownTypes;
using Proto = DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Server.Mapping;

/// <summary>Milestones on record, notifications and job status, infrastructure → API; the milestone filter, API → domain.</summary>
public static class OperationsMapper
{
    public static Proto.SlaFiring ToProto(this RecordedFiring f) => new()
    {
        Application = ResourceNames.Application(f.ApplicationId),
        ApplicationTitle = f.ApplicationTitle,
        Task = f.TaskId is { } task ? ResourceNames.Task(f.ApplicationId, task) : "",
        Stage = f.Stage?.ToProto() ?? Proto.Stage.Unspecified,
        Organisation = f.Organisation ?? "",
        Milestone = f.Milestone.ToProto(),
        DueTime = Timestamp.FromDateTimeOffset(f.DueTime),
        FireTime = Timestamp.FromDateTimeOffset(f.FiredTime),
        Lateness = Duration.FromTimeSpan(f.Lateness),
    };

    // The API's milestones list the domain's in the same order, after their UNSPECIFIED zero.
    public static Proto.SlaFiring.Types.Milestone ToProto(this SlaMilestone milestone) =>
        (Proto.SlaFiring.Types.Milestone)((int)milestone + 1);

    /// <summary>The milestone a list is filtered on: null (all) for MILESTONE_UNSPECIFIED.</summary>
    public static SlaMilestone? Milestone(Proto.SlaFiring.Types.Milestone milestone, string field = "milestone") =>
        milestone switch
        {
            Proto.SlaFiring.Types.Milestone.Unspecified => null,
            Proto.SlaFiring.Types.Milestone.Reminder => SlaMilestone.Reminder,
            Proto.SlaFiring.Types.Milestone.Breach => SlaMilestone.Breach,
            Proto.SlaFiring.Types.Milestone.Escalation => SlaMilestone.Escalation,
            _ => throw new InvalidInputException(field,
                "must be MILESTONE_REMINDER, MILESTONE_BREACH or MILESTONE_ESCALATION, or unset for all"),
        };

    public static Proto.Notification ToProto(this QueuedNotification n) => new()
    {
        Id = n.Id,
        Application = ResourceNames.Application(n.ApplicationId),
        Task = n.TaskId is { } task ? ResourceNames.Task(n.ApplicationId, task) : "",
        Kind = n.Kind,
        Recipient = n.Recipient,
        Message = n.Message,
        CreateTime = Timestamp.FromDateTimeOffset(n.CreateTime),
        SentTime = n.SentTime is { } sent ? Timestamp.FromDateTimeOffset(sent) : null,
    };

    public static Proto.GetJobStatusResponse ToProto(this JobStatus status) => new()
    {
        RecurringJobs =
        {
            status.RecurringJobs.Select(j => new Proto.RecurringJob
            {
                Id = j.Id,
                Cron = j.Cron,
                TimeZone = j.TimeZone ?? "",
                LastExecutionTime = Optional(j.LastExecution),
                LastState = j.LastState ?? "",
                NextExecutionTime = Optional(j.NextExecution),
                Error = j.Error ?? "",
            }),
        },
        Servers =
        {
            status.Servers.Select(s => new Proto.JobServer
            {
                Name = s.Name,
                Workers = s.Workers,
                Queues = { s.Queues },
                StartTime = Timestamp.FromDateTimeOffset(s.Started),
                HeartbeatTime = Optional(s.Heartbeat),
            }),
        },
        Enqueued = status.Enqueued,
        Scheduled = status.Scheduled,
        Processing = status.Processing,
        Succeeded = status.Succeeded,
        Failed = status.Failed,
        OverdueMilestones = status.OverdueMilestones,
        UnsentNotifications = status.UnsentNotifications,
    };

    private static Timestamp? Optional(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
