namespace DataAccessBroker.Domain.Errors;

public sealed class InvalidInputException(IReadOnlyList<FieldViolation> violations)
    : DomainException("INVALID_INPUT", "The request has invalid fields: " +
        string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public InvalidInputException(string field, string description) : this([new FieldViolation(field, description)])
    {
    }
}
