namespace DataAccessBroker.Infrastructure.Audit;

/// <summary>Section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// How often a broker that runs background processes verifies the whole history (<see cref="AuditVerificationProcess"/>),
    /// the first time as it starts.
    /// </summary>
    public TimeSpan VerifyEvery { get; set; } = TimeSpan.FromHours(24);
}
