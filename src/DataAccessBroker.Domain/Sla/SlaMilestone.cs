namespace DataAccessBroker.Domain.Sla;

/// <summary>The points of a timer that are recorded, each exactly once: 75 %, 100 % and 150 % of the allowance by default.</summary>
public enum SlaMilestone
{
    Reminder,
    Breach,
    Escalation,
}
