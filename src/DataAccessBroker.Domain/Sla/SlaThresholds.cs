namespace DataAccessBroker.Domain.Sla;

/// <summary>Fractions of the allowance at which the milestones fall.</summary>
public sealed record SlaThresholds(double Reminder = 0.75, double Breach = 1.0, double Escalation = 1.5)
{
    public double For(SlaMilestone milestone) => milestone switch
    {
        SlaMilestone.Reminder => Reminder,
        SlaMilestone.Breach => Breach,
        _ => Escalation,
    };
}
