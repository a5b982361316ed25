namespace DataAccessBroker.Domain.Errors;

/// <summary>
/// A rule of the domain said no. <see cref="Reason"/> is the stable machine-readable cause (UPPER_SNAKE_CASE) that
/// clients switch on; the message is for people.
/// </summary>
public abstract class DomainException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
