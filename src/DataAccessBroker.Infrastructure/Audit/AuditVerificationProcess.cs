using System.Diagnostics;
using DataAccessBroker.Infrastructure.Observability;
using DataAccessBroker.Infrastructure.Processes;
using Microsoft.Extensions.Logging;

namespace DataAccessBroker.Infrastructure.Audit;

/// <summary>
/// Verifies the whole history as the broker starts and then every <see cref="AuditOptions.VerifyEvery"/>, so that a
/// changed or removed event is found without anyone asking (<c>dab audit verify</c> asks). A broken link is logged as
/// an error naming it, exported as <c>dab_audit_chain_intact</c> 0, and reported by the readiness endpoint's audit
/// check, until a later verification finds every chain whole again (the history restored from a backup, say).
/// </summary>
public sealed class AuditVerificationProcess(
    AuditVerifier verifier,
    AuditOptions options,
    AuditStatus status,
    BrokerMetrics metrics,
    TimeProvider clock,
    ProcessHealth health,
    ILogger<AuditVerificationProcess> logger) : PollingProcess(health, logger)
{
    public const string ProcessName = "audit-verification";

    public override string Name => ProcessName;

    public override TimeSpan Interval => options.VerifyEvery;

    /// <summary>
    /// Readiness does not wait for it: a first pass over a large history takes a while, and a daily process would
    /// count as stalled only after ten days. Its verdict is the audit check's.
    /// </summary>
    public override bool GatesReadiness => false;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var report = await verifier.VerifyAsync(cancellationToken);
        var verdict = new AuditVerdict(report, clock.GetUtcNow(), Stopwatch.GetElapsedTime(started));
        var wasBroken = status.Latest?.Report.FirstBrokenLink is not null;
        status.Record(verdict);
        metrics.ObserveAuditChain(intact: report.FirstBrokenLink is null);
        if (report.FirstBrokenLink is { } broken)
        {
            logger.LogError(
                "The history was changed: the first broken link is {BrokenLink}. {Events} events of {Applications} " +
                "applications verified in {Seconds:0.000} s", broken, report.Events, report.Applications,
                verdict.Took.TotalSeconds);
        }
        else
        {
            logger.Log(wasBroken ? LogLevel.Warning : LogLevel.Information,
                "Every chain of the history holds{Again}: {Events} events of {Applications} applications verified in " +
                "{Seconds:0.000} s", wasBroken ? " again" : "", report.Events, report.Applications,
                verdict.Took.TotalSeconds);
        }
    }
}
