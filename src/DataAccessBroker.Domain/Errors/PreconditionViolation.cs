namespace DataAccessBroker.Domain.Errors;

/// <summary>One unmet precondition: its kind (e.g. <c>STATE</c>), what it concerns and why it is not met.</summary>
public sealed record PreconditionViolation(string Type, string Subject, string Description);
