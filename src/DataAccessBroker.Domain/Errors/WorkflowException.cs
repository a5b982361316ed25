namespace DataAccessBroker.Domain.Errors;

/// <summary>The workflow does not allow this now: an illegal transition or an unmet guard.</summary>
public sealed class WorkflowException(string reason, IReadOnlyList<PreconditionViolation> violations)
    : DomainException(reason, string.Join("; ", violations.Select(v => v.Description)))
{
    public IReadOnlyList<PreconditionViolation> Violations { get; } = violations;

    public WorkflowException(string reason, string type, string subject, string description)
        : this(reason, [new PreconditionViolation(type, subject, description)])
    {
    }
}
