namespace DataAccessBroker.Domain.Sla;

/// <summary>What a timer measures.</summary>
public enum SlaTimerSubject
{
    /// <summary>One body's stage task, from opening to decision or delivery.</summary>
    StageTask,
    /// <summary>The applicant's time to answer a request for changes; its breach lapses the application.</summary>
    ApplicantResponse,
    /// <summary>Submission to the HDS decision (EHDS Art. 68(4): 3 months).</summary>
    ApplicationDecision,
    /// <summary>Submission to the last delivery.</summary>
    ApplicationDelivery,
}
