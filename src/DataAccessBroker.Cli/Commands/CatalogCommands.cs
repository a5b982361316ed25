using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;

namespace DataAccessBroker.Cli.Commands;

internal static class CatalogCommands
{
    public static Command Catalog(GlobalOptions options, TextWriter stdout)
    {
        var command = new Command("catalog",
            "List the data sources (with the node that decides on each) and the REK committees an application can name");
        // The catalog is public (the node publishes it as DCAT-AP too): it is read without a session.
        command.Run(options, stdout, signedIn: false, async (parse, clients, cancellationToken) =>
        {
            var call = BrokerClients.Call(cancellationToken);
            var sources = await clients.Catalog.ListDataSourcesAsync(new ListDataSourcesRequest(), call);
            var committees = await clients.Catalog.ListRekCommitteesAsync(new ListRekCommitteesRequest(), call);
            if (parse.GetValue(options.Json))
            {
                Views.WriteJson(stdout, (null, sources), (null, committees));
                return;
            }

            // A stale mirror's sources are shown, marked: they cannot be applied for until the peer is heard from.
            var stale = sources.Mirrors.Where(m => m.Stale).Select(m => m.Node).ToHashSet();
            var sourceTable = new Table("DATA SOURCE", "NAME", "OWNER", "NODE");
            foreach (var s in sources.DataSources)
            {
                sourceTable.Add(s.Code, s.DisplayName, s.OwnerName, stale.Contains(s.Node) ? $"{s.Node} (STALE)" : s.Node);
            }

            sourceTable.WriteTo(stdout);
            foreach (var mirror in sources.Mirrors)
            {
                stdout.WriteLine(mirror.RefreshTime is null
                    ? $"{mirror.Node} ({mirror.NodeName}): catalog never mirrored; its sources cannot be applied for yet."
                    : mirror.Stale
                        ? $"{mirror.Node} ({mirror.NodeName}): STALE, last mirrored {Times.Format(mirror.RefreshTime)}; its sources cannot be applied for until it is refreshed."
                        : $"{mirror.Node} ({mirror.NodeName}): mirrored {Times.Format(mirror.RefreshTime)}.");
            }

            stdout.WriteLine();
            var committeeTable = new Table("REK COMMITTEE", "NAME", "REGION");
            foreach (var c in committees.RekCommittees) committeeTable.Add(c.Code, c.DisplayName, c.Region);
            committeeTable.WriteTo(stdout);
        });
        return command;
    }
}
