using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using Grpc.Core;

namespace DataAccessBroker.Cli.Commands;

internal static class SimulationCommands
{
    public static Command Simulate(GlobalOptions options, TextWriter stdout)
    {
        var applications = new Option<int>("--applications", "-n") { Description = "How many applications", DefaultValueFactory = _ => 2000 };
        var seed = new Option<long>("--seed") { Description = "The same seed gives the same history", DefaultValueFactory = _ => 1 };
        var months = new Option<int>("--months") { Description = "How far back arrivals start", DefaultValueFactory = _ => 24 };
        var command = new Command("simulate",
            "Fill the broker with realistic simulated history (Admin; not in Production), for demos and benchmarks")
        {
            applications, seed, months,
        };
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            // Large histories take minutes: a longer deadline than ordinary calls.
            var response = await clients.Simulation.SimulateHistoryAsync(new SimulateHistoryRequest
            {
                Applications = parse.GetValue(applications), Seed = parse.GetValue(seed), Months = parse.GetValue(months),
            }, new CallOptions(deadline: DateTime.UtcNow.AddHours(3), cancellationToken: cancellationToken));
            if (parse.GetValue(options.Json)) Views.WriteJson(stdout, response);
            else stdout.WriteLine($"Simulated {response.Applications} applications ({response.StageTasks} stage tasks, " +
                $"{response.Events} events) in {response.Elapsed.ToTimeSpan().TotalSeconds:0.0} s.");
        });
        return command;
    }
}
