namespace DataAccessBroker.Domain.Errors;

/// <summary>No such object, or one the caller may not see: both answer the same so existence never leaks.</summary>
public sealed class NotFoundException(string resourceName)
    : DomainException("NOT_FOUND", $"{resourceName} was not found.")
{
    public string ResourceName { get; } = resourceName;
}
