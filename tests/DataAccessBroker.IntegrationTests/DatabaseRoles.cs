namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The two connections a broker gets, as in production (README, "Database roles"): the schema owner's, which the
/// migrations run on, and the runtime role's, which everything else runs on and which may not change the history.
/// </summary>
public sealed record DatabaseRoles(string Owner, string Runtime)
{
    /// <summary>The broker's settings for them, as configuration keys (a ':' is '__' in an environment variable).</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("ConnectionStrings:Migrations", Owner), new("ConnectionStrings:Broker", Runtime)];
}
