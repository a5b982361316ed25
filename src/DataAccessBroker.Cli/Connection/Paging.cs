namespace DataAccessBroker.Cli.Connection;

internal static class Paging
{
    /// <summary>Follows next_page_token until the last page; <paramref name="fetch"/> gets the token to ask with.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<string, Task<(IEnumerable<T> Items, string NextPageToken)>> fetch)
    {
        var all = new List<T>();
        var token = "";
        do
        {
            var (items, next) = await fetch(token);
            all.AddRange(items);
            token = next;
        }
        while (token.Length > 0);

        return all;
    }
}
