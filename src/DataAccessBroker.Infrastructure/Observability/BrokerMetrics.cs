using System.Diagnostics;
using System.Diagnostics.Metrics;
using DataAccessBroker.Domain.Statistics;
using DataAccessBroker.Infrastructure.Persistence;

namespace DataAccessBroker.Infrastructure.Observability;

/// <summary>
/// The broker's own metrics (meter <see cref="MeterName"/>), exported with the rest by OpenTelemetry: transitions and
/// their latency, stage durations, SLA milestones recorded and how late, the firing backlog, the outbox depth and
/// whether the history's hash chains held at the last verification.
/// One meter per process, as .NET meters are meant to be: OpenTelemetry keeps only the first of several instruments
/// with one name, so a meter per broker host would lose the others' figures wherever hosts share a process (tests).
/// </summary>
public sealed class BrokerMetrics
{
    public const string MeterName = "DataAccessBroker";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Transitions;
    private static readonly Histogram<double> TransitionDuration;
    private static readonly Histogram<double> StageDuration;
    private static readonly Counter<long> Milestones;
    private static readonly Histogram<double> MilestoneLateness;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> OutboxDepths = new();
    private static long LastDueUnfired;
    /// <summary>The last verification of the history: 1 every chain whole, 0 a broken link, -1 none yet.</summary>
    private static int LastAuditChain = -1;

    static BrokerMetrics()
    {
        Transitions = Meter.CreateCounter<long>("dab.transitions", "{transition}",
            "Commands on applications, by action and outcome (ok, or error: refused or failed).");
        TransitionDuration = Meter.CreateHistogram<double>("dab.transition.duration", "s",
            "Time a command on an application took inside the broker, by action and outcome.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            });
        StageDuration = Meter.CreateHistogram<double>("dab.stage.duration", "d",
            "Business days a closed stage task waited on its body, by stage and body.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 20, 30, 45, 60, 90, 120, 180, 365] });
        Milestones = Meter.CreateCounter<long>("dab.sla.milestones", "{milestone}",
            "SLA milestones recorded, by milestone (Reminder, Breach, Escalation).");
        MilestoneLateness = Meter.CreateHistogram<double>("dab.sla.milestone.lateness", "s",
            "How long after its due time a milestone was recorded.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600] });
        Meter.CreateObservableGauge("dab.sla.due_unfired", () => Interlocked.Read(ref LastDueUnfired), "{timer}",
            "Timers with a milestone due and not yet recorded, as the firing process last saw them.");
        Meter.CreateObservableGauge("dab.outbox.depth",
            () => OutboxDepths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("outbox", d.Key))),
            "{message}", "Messages written to an outbox and not yet sent: notifications (counted up to a cap) and messages to peer nodes.");
        Meter.CreateObservableGauge("dab.audit.chain_intact",
            () => Volatile.Read(ref LastAuditChain) is var intact and >= 0
                ? [new Measurement<int>(intact)]
                : Array.Empty<Measurement<int>>(),
            description: "1 when the last verification of the history found every hash chain whole, 0 when it found " +
                         "a broken link; absent before the first.");
    }

    /// <summary>Times one command; dispose it when the command ends, after <see cref="TransitionTiming.Succeeded"/> if it did.</summary>
    public TransitionTiming Transition(string action) => new(action);

    /// <summary>What a stored change adds: closed stage durations, milestones recorded and their lateness.</summary>
    internal void Recorded(ApplicationChange change)
    {
        foreach (var closed in change.Statistics.OfType<StatisticsChange.TaskClosed>().Where(c => c.Interval.IsCompleted))
        {
            StageDuration.Record(closed.Interval.BodyBusinessDays,
                new("stage", closed.Interval.Stage.ToString()), new("body", closed.Interval.Body));
        }

        foreach (var fired in change.Fired)
        {
            var milestone = new KeyValuePair<string, object?>("milestone", fired.Milestone.ToString());
            Milestones.Add(1, milestone);
            MilestoneLateness.Record((fired.FiredTime - fired.DueTime).TotalSeconds, milestone);
        }
    }

    public void ObserveDueUnfired(long timers) => Interlocked.Exchange(ref LastDueUnfired, timers);

    public void ObserveOutboxDepth(string outbox, long messages) => OutboxDepths[outbox] = messages;

    public void ObserveAuditChain(bool intact) => Volatile.Write(ref LastAuditChain, intact ? 1 : 0);

    public sealed class TransitionTiming(string action) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private bool _succeeded;

        public void Succeeded() => _succeeded = true;

        public void Dispose()
        {
            KeyValuePair<string, object?>[] tags = [new("action", action), new("outcome", _succeeded ? "ok" : "error")];
            Transitions.Add(1, tags);
            TransitionDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }
}
