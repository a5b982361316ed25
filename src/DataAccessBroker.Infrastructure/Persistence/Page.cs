namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>A keyset position: the sort key of the last item a page returned.</summary>
/// <param name="Position">A bigint key (an identity column), for a list ordered by time and such a key.</param>
public sealed record PageCursor(DateTimeOffset Time, Guid Id, int Sequence = 0, long Position = 0);

/// <summary>One page of a keyset-paged query; <see cref="Next"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, PageCursor? Next);

public static class Page
{
    /// <summary>Queries fetch one row more than asked; its presence says another page follows.</summary>
    public static Page<T> From<T>(IReadOnlyList<T> fetched, int pageSize, Func<T, PageCursor> cursorOf) =>
        fetched.Count > pageSize
            ? new Page<T>(fetched.Take(pageSize).ToList(), cursorOf(fetched[pageSize - 1]))
            : new Page<T>(fetched, null);
}
