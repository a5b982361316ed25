namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// Test classes that run <c>dab</c> in-process. dab finds its session through the DAB_TOKEN_FILE environment
/// variable, which is the test process's own, so these classes take turns rather than point it at each other's files.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DabCollection
{
    public const string Name = "dab in-process";
}
