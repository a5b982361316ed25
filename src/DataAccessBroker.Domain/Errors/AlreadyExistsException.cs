namespace DataAccessBroker.Domain.Errors;

public sealed class AlreadyExistsException(string resourceName)
    : DomainException("ALREADY_EXISTS", $"{resourceName} exists already.");
