using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Sla;
using Google.Protobuf.WellKnownTypes;
using Proto = DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Server.Mapping;

/// <summary>Domain → API. Deadlines and days left are read at <c>now</c>.</summary>
public static class ApplicationMapper
{
    public static Proto.Application ToProto(this ApplicationView view, DateTimeOffset now)
    {
        var a = view.Application;
        var message = a.Details.ToProto();
        message.Name = a.ResourceName;
        message.State = a.State.ToProto();
        message.Applicant = a.OwnerSubject;
        message.ReturnStage = a.ReturnStage?.ToProto() ?? Proto.Stage.Unspecified;
        // One order whether the tasks were just opened or read back: by opening, then stage and body (ids made in the
        // same millisecond do not sort in the order they were made).
        message.Tasks.Add(a.Tasks.OrderBy(t => t.OpenedTime).ThenBy(t => t.Stage).ThenBy(t => t.Node, StringComparer.Ordinal)
            .ThenBy(t => t.Organisation, StringComparer.Ordinal).ThenBy(t => t.DataSource, StringComparer.Ordinal)
            .Select(t => t.ToProto(view, now)));
        message.DecisionConditions = a.DecisionConditions ?? "";
        message.CreateTime = Timestamp.FromDateTimeOffset(a.CreateTime);
        message.UpdateTime = Timestamp.FromDateTimeOffset(a.UpdateTime);
        message.SubmitTime = a.SubmitTime is { } submitted ? Timestamp.FromDateTimeOffset(submitted) : null;
        message.Etag = Etags.Format(a.Version);
        message.DecisionDueTime = Due(view.Timer(SlaTimerSubject.ApplicationDecision));
        message.DeliveryDueTime = Due(view.Timer(SlaTimerSubject.ApplicationDelivery));
        message.ApplicantDueTime = a.State == ApplicationState.AwaitingApplicant
            ? Due(view.Timer(SlaTimerSubject.ApplicantResponse))
            : null;
        message.OriginNode = a.Origin?.Node ?? "";
        message.OriginApplication = a.Origin is { } origin ? ResourceNames.Application(origin.ApplicationId) : "";
        return message;
    }

    /// <summary>The applicant-written fields alone: what the API shows of them, and what a peer node is sent.</summary>
    public static Proto.Application ToProto(this ApplicationDetails d)
    {
        var message = new Proto.Application
        {
            Title = d.Title,
            Summary = d.Summary,
            Purpose = d.Purpose.ToProto(),
            PrincipalInvestigator = new Proto.PrincipalInvestigator
            {
                Name = d.PrincipalInvestigator.Name,
                Email = d.PrincipalInvestigator.Email,
                Institution = d.PrincipalInvestigator.Institution,
            },
            RekCommittee = d.RekCommittee,
            RekReference = d.RekReference,
            DataSources =
            {
                d.DataSources.Select(s => new Proto.DataSourceRequest
                {
                    DataSource = s.DataSource, Variables = { s.Variables }, CohortCriteria = s.CohortCriteria,
                }),
            },
            LegalBasis = d.LegalBasis,
            SourcesLinked = d.SourcesLinked,
        };
        if (d.ProjectStart is { } start && d.ProjectEnd is { } end)
        {
            message.ProjectPeriod = new Proto.ProjectPeriod { StartDate = start.ToProto(), EndDate = end.ToProto() };
        }

        return message;
    }

    public static Proto.StageTask ToProto(this StageTask t, ApplicationView view, DateTimeOffset now)
    {
        var application = view.Application;
        var timer = view.TimerOf(t);
        var message = t.ToProto(application);
        if (timer is null) return message;
        message.Allowance = timer.Allowance.ToString();
        if (timer.Deadline is { } deadline)
        {
            var business = WallClock.NorwegianBusinessDays;
            message.DueTime = Timestamp.FromDateTimeOffset(deadline);
            message.Overdue = now > deadline;
            message.BusinessDaysLeft = Math.Round(
                (now <= deadline ? business.Measure(now, deadline) : -business.Measure(deadline, now)).TotalDays, 2);
        }
        else if (!timer.IsClosed)
        {
            message.BusinessDaysLeft = Math.Round((timer.Allowance.Amount - timer.Consumed).TotalDays, 2);
        }

        return message;
    }

    private static Proto.StageTask ToProto(this StageTask t, DataAccessApplication application) => new()
    {
        Name = ResourceNames.Task(application.Id, t.Id),
        Application = application.ResourceName,
        ApplicationTitle = application.Details.Title,
        Stage = t.Stage.ToProto(),
        Organisation = t.Organisation,
        DataSource = t.DataSource ?? "",
        Node = t.Node ?? "",
        State = t.Status.ToProto(),
        OpenTime = Timestamp.FromDateTimeOffset(t.OpenedTime),
        CloseTime = t.ClosedTime is { } closed ? Timestamp.FromDateTimeOffset(closed) : null,
        DecidedBy = t.DecidedBy ?? "",
        Comment = t.Comment ?? "",
        Conditions = t.Conditions ?? "",
        Etag = t.Etag,
    };

    public static Proto.StageTask.Types.State ToProto(this StageTaskStatus status) => status switch
    {
        StageTaskStatus.Open => Proto.StageTask.Types.State.Open,
        StageTaskStatus.Paused => Proto.StageTask.Types.State.Paused,
        StageTaskStatus.ChangesRequested => Proto.StageTask.Types.State.ChangesRequested,
        StageTaskStatus.Approved => Proto.StageTask.Types.State.Approved,
        StageTaskStatus.Rejected => Proto.StageTask.Types.State.Rejected,
        StageTaskStatus.Delivered => Proto.StageTask.Types.State.Delivered,
        StageTaskStatus.Cancelled => Proto.StageTask.Types.State.Cancelled,
        _ => Proto.StageTask.Types.State.Unspecified,
    };

    public static Proto.ApplicationEvent ToProto(this ApplicationEvent e) => new()
    {
        Sequence = e.Sequence,
        Action = (Proto.ApplicationEvent.Types.Action)((int)e.Action + 1),
        FromState = e.FromState.ToProto(),
        ToState = e.ToState.ToProto(),
        Actor = e.Actor.Subject,
        ActorName = e.Actor.Name,
        Role = e.Actor.Role,
        Organisation = e.Actor.Organisation,
        Task = e.TaskId is { } taskId ? ResourceNames.Task(e.ApplicationId, taskId) : "",
        Comment = e.Comment ?? "",
        OccurTime = Timestamp.FromDateTimeOffset(e.OccurredTime),
    };

    private static Timestamp? Due(SlaTimer? timer) =>
        timer?.Deadline is { } deadline ? Timestamp.FromDateTimeOffset(deadline) : null;

    // The API enums list the domain's values in the same order, after their UNSPECIFIED zero.
    public static Proto.Application.Types.State ToProto(this ApplicationState state) =>
        (Proto.Application.Types.State)((int)state + 1);

    public static Proto.Stage ToProto(this Stage stage) => (Proto.Stage)((int)stage + 1);

    public static Proto.Purpose ToProto(this Purpose purpose) => (Proto.Purpose)(int)purpose;

    private static Google.Type.Date ToProto(this DateOnly date) =>
        new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
