namespace DataAccessBroker.Domain.Errors;

public sealed class PermissionDeniedException(string message) : DomainException("PERMISSION_DENIED", message);
