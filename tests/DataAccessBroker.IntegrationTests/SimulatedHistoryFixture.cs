using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Statistics;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.IntegrationTests;

/// <summary>A broker holding a year of simulated history, and its report for this year as dab would write it.</summary>
public sealed class SimulatedHistoryFixture : IAsyncLifetime
{
    private readonly BrokerFixture _broker = new();

    public string Report { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _broker.InitializeAsync();
        await _broker.As("admin", "dab", "Admin").Simulation.SimulateHistoryAsync(
            new SimulateHistoryRequest { Applications = 300, Seed = 11, Months = 12 });
        using var clients = new BrokerClients(_broker.GrpcAddress, _broker.TokenFor("anders", "helseomsorg21", "Analyst"));
        var thisYear = DateTime.UtcNow.Year;
        var filter = new StatisticsFilter
        {
            StartDate = new Google.Type.Date { Year = thisYear, Month = 1, Day = 1 },
            EndDate = new Google.Type.Date { Year = thisYear, Month = 12, Day = 1 },
        };
        Report = HtmlReport.Render(await StatisticsSnapshot.FetchAsync(clients, filter, [], default), DateTimeOffset.UtcNow);
    }

    public Task DisposeAsync() => _broker.DisposeAsync();
}
