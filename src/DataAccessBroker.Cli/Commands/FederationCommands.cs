using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;

namespace DataAccessBroker.Cli.Commands;

/// <summary>`dab federation`: this node's peers for admins, and the retry of a peer's waiting messages.</summary>
internal static class FederationCommands
{
    public static Command Federation(GlobalOptions options, TextWriter stdout)
    {
        var command = new Command("federation",
            "This node's peers (Admin): reachability, messages waiting and failing, catalog freshness");
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var response = await clients.Federation.ListPeersAsync(new ListPeersRequest(), BrokerClients.Call(cancellationToken));
            if (options.WroteJson(parse, stdout, response)) return;

            stdout.WriteLine($"This node: {response.Node} ({response.NodeName})");
            var table = new Table("PEER", "NAME", "LAST OK", "LAST FAILURE", "PENDING", "FAILING", "OLDEST PENDING", "CATALOG");
            foreach (var p in response.Peers)
            {
                table.Add(p.Node, p.NodeName, Times.Format(p.LastSuccessTime), Times.Format(p.LastFailureTime),
                    $"{p.PendingMessages}", $"{p.FailingMessages}", Times.Format(p.OldestPendingTime),
                    (p.CatalogStale ? "STALE " : "") + Times.Format(p.CatalogRefreshTime));
            }

            table.WriteTo(stdout);
            foreach (var p in response.Peers.Where(p => p.LastError.Length > 0 && p.FailingMessages > 0))
            {
                stdout.WriteLine($"{p.Node}: last error: {p.LastError}");
            }
        });

        var peer = new Argument<string>("peer") { Description = "The peer's node code, e.g. dk" };
        var retry = new Command("retry", "Send the peer's waiting messages now, without waiting out their back-off") { peer };
        retry.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var response = await clients.Federation.RetryPeerAsync(
                new RetryPeerRequest { Node = parse.GetValue(peer)! }, BrokerClients.Call(cancellationToken));
            if (options.WroteJson(parse, stdout, response)) return;
            stdout.WriteLine($"{response.Rescheduled} waiting messages for {parse.GetValue(peer)} go out at the next pass.");
        });
        command.Subcommands.Add(retry);
        return command;
    }
}
