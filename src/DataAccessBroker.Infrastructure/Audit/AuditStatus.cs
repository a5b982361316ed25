namespace DataAccessBroker.Infrastructure.Audit;

/// <summary>One scheduled verification: what it found, when it finished and how long it took.</summary>
public sealed record AuditVerdict(AuditReport Report, DateTimeOffset VerifiedTime, TimeSpan Took);

/// <summary>The latest scheduled verification of this broker, for the readiness endpoint's audit check.</summary>
public sealed class AuditStatus
{
    private volatile AuditVerdict? _latest;

    /// <summary>Null until the first verification has finished.</summary>
    public AuditVerdict? Latest => _latest;

    internal void Record(AuditVerdict verdict) => _latest = verdict;
}
