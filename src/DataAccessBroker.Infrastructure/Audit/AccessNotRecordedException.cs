namespace DataAccessBroker.Infrastructure.Audit;

/// <summary>
/// A read whose access row could not be written (other than for a database outage, which answers as one): the read
/// fails rather than return content nobody logged. The gRPC layer answers UNAVAILABLE, ACCESS_NOT_RECORDED.
/// </summary>
public sealed class AccessNotRecordedException(Exception cause)
    : Exception("the read could not be recorded in the access log, so its answer is withheld; retry later, and tell " +
                "the broker's operators if it persists", cause);
