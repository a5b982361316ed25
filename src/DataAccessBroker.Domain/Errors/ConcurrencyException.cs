namespace DataAccessBroker.Domain.Errors;

/// <summary>The caller's etag is stale: someone changed the object since the caller read it.</summary>
public sealed class ConcurrencyException(string resourceName)
    : DomainException("ETAG_MISMATCH", $"{resourceName} was changed by someone else; read it again and retry.");
