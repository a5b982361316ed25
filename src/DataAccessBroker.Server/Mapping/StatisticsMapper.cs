using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Statistics;
using Google.Protobuf.WellKnownTypes;
using Proto = DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Server.Mapping;

/// <summary>Statistics between domain and API.</summary>
public static class StatisticsMapper
{
    public static StatisticsFilter ToFilter(Proto.StatisticsFilter filter, DateTimeOffset now)
    {
        var violations = new List<FieldViolation>();
        // Unset, the period is the calendar year of the other date, or this year.
        var thisYear = WallClock.OsloMonthOf(now).Year;
        var asked = (From: Month(filter.StartDate, "filter.start_date", violations),
            To: Month(filter.EndDate, "filter.end_date", violations));
        var from = asked.From ?? new DateOnly(asked.To?.Year ?? thisYear, 1, 1);
        var to = asked.To ?? new DateOnly(asked.From?.Year ?? thisYear, 12, 1);
        if (from > to) violations.Add(new("filter.start_date", "must not be after the end date"));
        if (filter.HasSuppressionThreshold && filter.SuppressionThreshold < Disclosure.MinimumThreshold)
        {
            violations.Add(new("filter.suppression_threshold",
                $"must be at least {Disclosure.MinimumThreshold}: smaller groups can identify applicants"));
        }

        if (!System.Enum.IsDefined(filter.Purpose)) violations.Add(new("filter.purpose", "is not a known purpose"));
        if (violations.Count > 0) throw new InvalidInputException(violations);
        return new StatisticsFilter(from, to,
            filter.Purpose == Proto.Purpose.Unspecified ? null : (Purpose)(int)filter.Purpose,
            filter.DataSource.Length > 0 ? filter.DataSource : null,
            filter.RekCommittee.Length > 0 ? filter.RekCommittee : null,
            filter.HasSuppressionThreshold ? filter.SuppressionThreshold : Disclosure.MinimumThreshold);
    }

    /// <summary>The filter as it is asked of a peer node, which checks it as its own.</summary>
    public static Proto.StatisticsFilter ToProto(StatisticsFilter filter) => new()
    {
        StartDate = Date(filter.FromMonth),
        EndDate = Date(filter.ToMonth),
        Purpose = filter.Purpose?.ToProto() ?? Proto.Purpose.Unspecified,
        DataSource = filter.DataSource ?? "",
        RekCommittee = filter.RekCommittee ?? "",
        SuppressionThreshold = filter.SuppressBelow,
    };

    /// <summary>
    /// A peer node's group as it reported it: suppressed there, so a suppressed group carries no figures. Its stage
    /// must be a known one.
    /// </summary>
    public static TurnaroundSummary ToSummary(Proto.TurnaroundGroup g) => new(
        ((Stage)((int)g.Stage - 1)).ToString(),
        g.Body, g.Suppressed, g.Count,
        g.HasMedianBusinessDays ? g.MedianBusinessDays : null, g.HasP75BusinessDays ? g.P75BusinessDays : null,
        g.HasP90BusinessDays ? g.P90BusinessDays : null, g.HasMeanBusinessDays ? g.MeanBusinessDays : null,
        g.HasMedianCalendarDays ? g.MedianCalendarDays : null, g.HasP75CalendarDays ? g.P75CalendarDays : null,
        g.HasP90CalendarDays ? g.P90CalendarDays : null, g.HasMeanCalendarDays ? g.MeanCalendarDays : null,
        g.HasSlaCompliance ? g.SlaCompliance : null,
        g.HasMeanApplicantWaitBusinessDays ? g.MeanApplicantWaitBusinessDays : null,
        g.HasKaplanMeierMedianBusinessDays ? g.KaplanMeierMedianBusinessDays : null,
        g.HasKaplanMeierP90BusinessDays ? g.KaplanMeierP90BusinessDays : null,
        g.HasCohortOpened
            ? new CohortOutcome(g.CohortCompleted, g.CohortOpen, g.CohortCancelled,
                g.HasCohortClosedMedianBusinessDays ? g.CohortClosedMedianBusinessDays : null)
            : null,
        g.KaplanMeierCurve.Select(step => new SurvivalStep(step.BusinessDays, step.ShareNotCompleted)).ToList());

    public static Proto.TurnaroundGroup ToProto(TurnaroundSummary s)
    {
        var group = new Proto.TurnaroundGroup
        {
            Stage = System.Enum.Parse<Stage>(s.Stage).ToProto(), Body = s.Body, Suppressed = s.Suppressed,
        };
        if (s.Suppressed) return group;
        group.Count = s.Count;
        if (s.Cohort is { } cohort)
        {
            (group.CohortOpened, group.CohortCompleted, group.CohortOpen, group.CohortCancelled) =
                (cohort.Opened, cohort.Completed, cohort.Open, cohort.Cancelled);
            if (cohort.ClosedMedianBusinessDays is { } closedMedian) group.CohortClosedMedianBusinessDays = closedMedian;
        }

        group.KaplanMeierCurve.Add(s.KaplanMeierCurve.Select(step =>
            new Proto.SurvivalStep { BusinessDays = step.BusinessDays, ShareNotCompleted = step.ShareNotCompleted }));
        if (s.MedianBusinessDays is { } a) group.MedianBusinessDays = a;
        if (s.P75BusinessDays is { } b) group.P75BusinessDays = b;
        if (s.P90BusinessDays is { } c) group.P90BusinessDays = c;
        if (s.MeanBusinessDays is { } d) group.MeanBusinessDays = d;
        if (s.MedianCalendarDays is { } e) group.MedianCalendarDays = e;
        if (s.P75CalendarDays is { } f) group.P75CalendarDays = f;
        if (s.P90CalendarDays is { } g) group.P90CalendarDays = g;
        if (s.MeanCalendarDays is { } h) group.MeanCalendarDays = h;
        if (s.SlaCompliance is { } i) group.SlaCompliance = i;
        if (s.MeanApplicantWaitBusinessDays is { } j) group.MeanApplicantWaitBusinessDays = j;
        if (s.KaplanMeierMedianBusinessDays is { } k) group.KaplanMeierMedianBusinessDays = k;
        if (s.KaplanMeierP90BusinessDays is { } l) group.KaplanMeierP90BusinessDays = l;
        return group;
    }

    public static Proto.NodeTurnaround ToProto(NodeTurnaround n) => new()
    {
        Node = n.Node, NodeName = n.NodeName, Groups = { n.Groups.Select(ToProto) }, Error = n.Error ?? "",
        Simulated = n.Simulated,
    };

    public static Proto.StatisticsScope ToProto(StatisticsScope scope)
    {
        var proto = ToBacklogProto(scope);
        proto.StartMonth = Date(scope.Filter.FromMonth);
        proto.EndMonth = Date(scope.Filter.ToMonth);
        proto.Partial = scope.Partial;
        return proto;
    }

    /// <summary>The backlog's scope: a point in time, so no months and nothing partial.</summary>
    public static Proto.StatisticsScope ToBacklogProto(StatisticsScope scope) => new()
    {
        Purpose = scope.Filter.Purpose?.ToProto() ?? Proto.Purpose.Unspecified,
        DataSource = scope.Filter.DataSource ?? "",
        RekCommittee = scope.Filter.RekCommittee ?? "",
        SuppressionThreshold = scope.Filter.SuppressBelow,
        Simulated = scope.Simulated,
        ComputeTime = Timestamp.FromDateTimeOffset(scope.ComputeTime),
    };

    /// <summary>
    /// Each stage's configured allowances, for charts to mark: the stage's usual one, the longer ones that apply to
    /// linked sources and to a peer node's assessment, and any stage-specific override for one body.
    /// </summary>
    public static IEnumerable<Proto.StageAllowance> AllowancesOf(SlaPolicy policy)
    {
        var allowances = new List<(Stage Stage, SlaAllowance Allowance, string AppliesTo)>
        {
            (Stage.RekReview, policy.RekReview, ""),
            (Stage.DataOwnerReview, policy.DataOwnerReview, ""),
            (Stage.DataOwnerReview, policy.DataOwnerReviewLinked, "linked sources"),
            (Stage.DataOwnerReview, policy.PeerAssessment, "a peer node's assessment"),
            (Stage.HdsDecision, policy.HdsDecision, ""),
            (Stage.DataDelivery, policy.DataDelivery, ""),
        };
        foreach (var (key, allowance) in policy.Overrides)
        {
            if (key.Split(':', 2) is [var stage, var body] && System.Enum.TryParse<Stage>(stage, out var parsed))
            {
                allowances.Add((parsed, allowance, body));
            }
        }

        return allowances.Select(a => new Proto.StageAllowance
        {
            Stage = a.Stage.ToProto(), Days = a.Allowance.Amount.TotalDays,
            BusinessDays = a.Allowance.Kind == SlaClockKind.BusinessDays, AppliesTo = a.AppliesTo,
        });
    }

    public static Proto.BacklogGroup ToProto(BacklogGroup b)
    {
        var group = new Proto.BacklogGroup { Stage = System.Enum.Parse<Stage>(b.Stage).ToProto(), Body = b.Body, Suppressed = b.Suppressed };
        if (b.Suppressed) return group;
        (group.Open, group.Overdue, group.PausedOnApplicant) = (b.Open, b.Overdue, b.PausedOnApplicant);
        group.Ages.Add(b.Ages.ToDictionary(a => a.Bucket, a => a.Count));
        return group;
    }

    /// <param name="now">When the answer was computed: the month it falls in is still running.</param>
    public static Proto.MonthTrend ToProto(MonthTrend m, DateTimeOffset now)
    {
        var month = new Proto.MonthTrend
        {
            Month = Date(m.Month),
            Arrivals = m.Arrivals, Completions = m.Completions, BacklogAtMonthEnd = m.BacklogAtMonthEnd,
            Partial = m.Month >= WallClock.OsloMonthOf(now),
        };
        if (m.MedianLeadCalendarDays is { } median) month.MedianLeadCalendarDays = median;
        return month;
    }

    public static Proto.Bottleneck ToProto(Bottleneck b)
    {
        var bottleneck = new Proto.Bottleneck { Stage = System.Enum.Parse<Stage>(b.Stage).ToProto(), Body = b.Body, Suppressed = b.Suppressed };
        if (b.ShareOfLeadTime is { } lead) bottleneck.ShareOfLeadTime = lead;
        if (b.ShareOfOverdue is { } overdue) bottleneck.ShareOfOverdue = overdue;
        if (b.MeanBusinessDays is { } mean) bottleneck.MeanBusinessDays = mean;
        return bottleneck;
    }

    public static Proto.StageInterval ToProto(this StageInterval i) => new()
    {
        Stage = i.Stage.ToProto(), Body = i.Body, Purpose = i.Purpose.ToProto(),
        OpenTime = Timestamp.FromDateTimeOffset(i.OpenedTime),
        CloseTime = i.ClosedTime is { } closed ? Timestamp.FromDateTimeOffset(closed) : null,
        Outcome = i.Outcome.ToProto(),
        BodyBusinessDays = i.BodyBusinessDays, BodyCalendarDays = i.BodyCalendarDays,
        ApplicantWaitBusinessDays = i.ApplicantWaitBusinessDays, ApplicantWaitCalendarDays = i.ApplicantWaitCalendarDays,
        WithinSla = i.WithinSla,
    };

    /// <summary>A whole day, or null when unset; anything else (a partly set date too) is invalid input.</summary>
    public static DateOnly? ToDay(Google.Type.Date? date, string field)
    {
        if (date is null || date.Year == 0 && date.Month == 0 && date.Day == 0) return null;
        if (date.Year is >= 2000 and <= 2200 && date.Month is >= 1 and <= 12 && date.Day >= 1
            && date.Day <= DateTime.DaysInMonth(date.Year, date.Month))
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }

        throw new InvalidInputException([new FieldViolation(field, "is not a valid date")]);
    }

    private static Google.Type.Date Date(DateOnly month) => new() { Year = month.Year, Month = month.Month, Day = 1 };

    private static DateOnly? Month(Google.Type.Date? date, string field, List<FieldViolation> violations)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0)) return null;
        if (date.Year is >= 2000 and <= 2200 && date.Month is >= 1 and <= 12) return new DateOnly(date.Year, date.Month, 1);
        violations.Add(new(field, "is not a valid month"));
        return null;
    }
}
