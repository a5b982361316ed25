using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;

namespace DataAccessBroker.Domain.Simulation;

/// <summary>
/// Drives applications through the real workflow on a simulated clock: each decision is a call of the aggregate's
/// own intent method at its simulated time, the SLA keeper runs after each, and the statistics are collected the way
/// live commands collect them. Deterministic for a seed. Whatever would happen after <c>end</c> does not happen, so
/// the history ends with a realistic backlog of open work. It simulates the node's own registries and committees only:
/// a node without ethics committees (REK is Norwegian) simulates purposes that need none.
/// </summary>
public sealed class HistorySimulator(SimulationProfile profile, SlaPolicy policy, CatalogSnapshot catalog)
{
    private static readonly string[] Committees =
        ["rek-sor-ost-a", "rek-sor-ost-b", "rek-sor-ost-c", "rek-sor-ost-d", "rek-vest", "rek-midt", "rek-nord"];

    /// <summary>The node's registries: the profile's in its order, then the others.</summary>
    private readonly IReadOnlyList<string> _sources = LocalSources(profile, catalog);

    private readonly IReadOnlyList<string> _committees =
        [.. Committees.Where(catalog.HasRekCommittee), .. catalog.RekCommittees.Except(Committees).Order(StringComparer.Ordinal)];

    private static readonly (Purpose Purpose, double Share)[] Purposes =
    [
        (Purpose.HealthResearch, 0.7), (Purpose.QualityImprovement, 0.15), (Purpose.Statistics, 0.1),
        (Purpose.HealthAdministration, 0.05),
    ];

    public IEnumerable<SimulatedApplication> Run(int seed, int applications, DateTimeOffset start, DateTimeOffset end)
    {
        var random = new Random(seed);
        var span = (end - start).TotalSeconds;
        var arrivals = Enumerable.Range(0, applications).Select(_ => start.AddSeconds(random.NextDouble() * span))
            .Order().ToList();
        for (var i = 0; i < arrivals.Count; i++)
        {
            yield return Simulate(new Random(random.Next()), i, arrivals[i], end);
        }
    }

    private SimulatedApplication Simulate(Random random, int number, DateTimeOffset submitted, DateTimeOffset end)
    {
        var run = new Timeline(policy, end,
            DataAccessApplication.CreateDraft(Guid.CreateVersion7(submitted), Applicant(number),
                Details(random, number), submitted.AddHours(-2)));
        var decisions = new Dictionary<Guid, DateTimeOffset>();
        run.At(submitted, (a, actor, now) => a.Submit(actor, catalog, now));

        var outcome = random.NextDouble();
        var withdrawAt = outcome < profile.WithdrawShare ? submitted.AddDays(20 + random.NextDouble() * 200) : (DateTimeOffset?)null;
        var rejecting = outcome >= profile.WithdrawShare && outcome < profile.WithdrawShare + profile.RejectShare;
        var asking = random.NextDouble() < profile.RequestChangesShare;

        while (!run.Ended && !run.Application.State.IsTerminal())
        {
            if (run.Application.State == ApplicationState.AwaitingApplicant)
            {
                if (random.NextDouble() < profile.NeverAnswerShare)
                {
                    run.At(WallClock.NorwegianBusinessDays.Advance(run.Now, policy.ApplicantResponse.Amount),
                        (a, _, now) => a.Lapse(now));
                }
                else
                {
                    run.At(Business(run.Now, profile.ApplicantAnswerMedianBusinessDays),
                        (a, actor, now) => a.Resubmit(actor, "amended", now));
                }

                continue;
            }

            // The open task that finishes first decides what happens next.
            var next = run.Application.Tasks.Where(t => t.Status == StageTaskStatus.Open)
                .Select(t => (Task: t, Time: DecisionTime(random, t, decisions)))
                .OrderBy(d => d.Time).First();
            if (withdrawAt is { } w && w < next.Time)
            {
                run.At(w, (a, actor, now) => a.Withdraw(actor, "project stopped", now));
                continue;
            }

            var task = next.Task;
            if (task.Stage == Stage.DataDelivery)
            {
                run.At(next.Time, (a, actor, now) => a.MarkDelivered(task.Id, actor, null, now));
            }
            else if (asking)
            {
                asking = false;
                run.At(next.Time, (a, actor, now) => a.RequestChanges(task.Id, actor, "please clarify the cohort", now));
            }
            else if (rejecting && task.Stage != Stage.RekReview || rejecting && random.NextDouble() < 0.5)
            {
                rejecting = false;
                run.At(next.Time, (a, actor, now) => a.RejectTask(task.Id, actor, "not justified", now));
            }
            else
            {
                run.At(next.Time, (a, actor, now) => a.ApproveTask(task.Id, actor, null,
                    task.Stage == Stage.HdsDecision ? "analysis inside TSD" : null, now));
            }
        }

        return run.Finish();
    }

    /// <summary>When a task would be decided: drawn once per task and remembered, so the order of events is stable.</summary>
    private DateTimeOffset DecisionTime(Random random, StageTask task, Dictionary<Guid, DateTimeOffset> decisions)
    {
        if (decisions.TryGetValue(task.Id, out var known)) return known;
        var source = task.DataSource ?? "";
        var time = task.Stage switch
        {
            Stage.RekReview => WallClock.OsloCalendarDays.Advance(task.OpenedTime,
                TimeSpan.FromDays(LogNormal(random, profile.RekMedianCalendarDays))),
            Stage.DataOwnerReview => Business(task.OpenedTime, profile.ReviewMedianBusinessDays.GetValueOrDefault(source, 30), random),
            Stage.HdsDecision => Business(task.OpenedTime, profile.HdsMedianBusinessDays, random),
            _ => Business(task.OpenedTime, profile.DeliveryMedianBusinessDays.GetValueOrDefault(source, 45), random),
        };
        decisions[task.Id] = time;
        return time;
    }

    private DateTimeOffset Business(DateTimeOffset from, double medianDays, Random? random = null) =>
        WallClock.NorwegianBusinessDays.Advance(from, TimeSpan.FromDays(random is null ? medianDays : LogNormal(random, medianDays)));

    private double LogNormal(Random random, double median)
    {
        // Box–Muller for a standard normal draw.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Max(0.25, median * Math.Exp(profile.Spread * normal));
    }

    private ApplicationDetails Details(Random random, int number)
    {
        var purpose = Pick(random, Purposes);
        if (purpose.RequiresRekReview() && _committees.Count == 0) purpose = Purpose.QualityImprovement;
        var sources = _sources.Where(s => random.NextDouble() < profile.SourcePopularity.GetValueOrDefault(s, profile.DefaultPopularity))
            .Take(3).ToList();
        if (sources.Count == 0) sources.Add(_sources[0]);
        return new ApplicationDetails
        {
            Title = $"Simulated study {number + 1}",
            Summary = "Simulated application for demonstrations and benchmarks.",
            Purpose = purpose,
            ProjectStart = new DateOnly(2025, 1, 1),
            ProjectEnd = new DateOnly(2029, 12, 31),
            PrincipalInvestigator = new PrincipalInvestigator("Simulated Investigator", "sim@example.org", "Simulated University"),
            RekCommittee = purpose.RequiresRekReview() ? _committees[random.Next(_committees.Count)] : "",
            DataSources = sources.Select(s => new DataSourceRequest(s, ["variable_a", "variable_b"], "simulated cohort")).ToList(),
            LegalBasis = "GDPR art. 6(1)(e) and 9(2)(j)",
            SourcesLinked = sources.Count > 1,
        };
    }

    private static IReadOnlyList<string> LocalSources(SimulationProfile profile, CatalogSnapshot catalog)
    {
        var local = catalog.DataSources.Where(s => s.Node == catalog.LocalNode).Select(s => s.Code).ToHashSet();
        if (local.Count == 0) throw new InvalidOperationException("the node holds no data sources to simulate");
        return [.. profile.SourcePopularity.Keys.Where(local.Contains), .. local.Except(profile.SourcePopularity.Keys).Order(StringComparer.Ordinal)];
    }

    private static Actor Applicant(int number) => new($"sim-applicant-{number % 997}", "Simulated applicant", "Applicant", "sim");

    private static T Pick<T>(Random random, (T Value, double Share)[] choices)
    {
        var roll = random.NextDouble();
        foreach (var (value, share) in choices)
        {
            if ((roll -= share) < 0) return value;
        }

        return choices[^1].Value;
    }

    /// <summary>
    /// One application's timeline: applies each step at its time, runs the SLA keeper and collects the statistics,
    /// and stops for good at the first step that would fall after the end of the simulated period. Milestones that
    /// fall before a step (or before the end) fire at their due time, as the live broker's timers would fire them.
    /// </summary>
    private sealed class Timeline(SlaPolicy policy, DateTimeOffset end, DataAccessApplication application)
    {
        private readonly List<StatisticsChange> _changes = [];
        private readonly List<SlaNotification> _firings = [];
        private IReadOnlyList<SlaTimer> _timers = [];
        private int _eventsSeen;

        public DataAccessApplication Application { get; } = application;
        public DateTimeOffset Now { get; private set; } = application.CreateTime;
        public bool Ended { get; private set; }

        public void At(DateTimeOffset time, Action<DataAccessApplication, Actor, DateTimeOffset> step)
        {
            FireDue(time < end ? time : end);
            if (time > end)
            {
                Ended = true;
                return;
            }

            if (Application.State.IsTerminal()) return; // a breach of the applicant's clock lapsed it first
            Apply(time, step);
        }

        public SimulatedApplication Finish() => new(Application, _timers, _changes, _firings);

        private void FireDue(DateTimeOffset until)
        {
            while (SlaKeeper.NextDue(_timers, policy.Thresholds, until) is { } due)
            {
                Apply(due.Due, (a, _, now) =>
                {
                    if (SlaKeeper.Fire(a, due.Timer, due.Milestone, policy, now) is { } fired) _firings.Add(fired);
                });
            }
        }

        private void Apply(DateTimeOffset time, Action<DataAccessApplication, Actor, DateTimeOffset> step)
        {
            Now = time > Now ? time : Now;
            step(Application, ActorFor(Application), Now);
            _timers = SlaKeeper.Reconcile(Application, _timers, policy, Now);
            _changes.AddRange(StatisticsChanges.Collect(Application, _timers, Application.NewEvents.Skip(_eventsSeen), Now));
            _eventsSeen = Application.NewEvents.Count;
        }

        private static Actor ActorFor(DataAccessApplication application) =>
            application.State is ApplicationState.Draft or ApplicationState.AwaitingApplicant
                ? new Actor(application.OwnerSubject, "Simulated applicant", "Applicant", "sim")
                : new Actor("sim-reviewer", "Simulated reviewer", "Reviewer", "sim");
    }
}

/// <summary>
/// An application as the simulation left it, with its timers, the statistics its history produced and the SLA
/// milestones that fired on the way.
/// </summary>
public sealed record SimulatedApplication(
    DataAccessApplication Application, IReadOnlyList<SlaTimer> Timers, IReadOnlyList<StatisticsChange> Changes,
    IReadOnlyList<SlaNotification> Firings);
