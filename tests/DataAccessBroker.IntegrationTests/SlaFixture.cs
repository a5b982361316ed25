namespace DataAccessBroker.IntegrationTests;

/// <summary>A broker whose SLA allowances are seconds, so real timers fire during a test.</summary>
public sealed class SlaFixture : BrokerFixture
{
    /// <summary>REK vest's allowance: reminder after 3 s, breach after 4 s, escalation after 6 s.</summary>
    public static readonly TimeSpan RekVestAllowance = TimeSpan.FromSeconds(4);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Sla:Overrides:rek-vest", "4 seconds"),
        new("Sla:Overrides:rek-midt", "2 seconds"),
        new("Sla:Overrides:rek-nord", "3 seconds"),
        new("Sla:ApplicantResponse", "3 seconds"),
    ];
}
