using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Cli.Commands;

internal static class CatalogCommands
{
    public static Command Catalog(GlobalOptions options, TextWriter stdout)
    {
        var command = new Command("catalog", "List the data sources and REK committees an application can name");
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var call = BrokerClients.Call(cancellationToken);
            var sources = await clients.Catalog.ListDataSourcesAsync(new ListDataSourcesRequest(), call);
            var committees = await clients.Catalog.ListRekCommitteesAsync(new ListRekCommitteesRequest(), call);
            if (parse.GetValue(options.Json))
            {
                Views.WriteJson(stdout, sources);
                Views.WriteJson(stdout, committees);
                return;
            }

            var sourceTable = new Table("DATA SOURCE", "NAME", "OWNER");
            foreach (var s in sources.DataSources) sourceTable.Add(s.Code, s.DisplayName, s.OwnerName);
            sourceTable.WriteTo(stdout);
            stdout.WriteLine();
            var committeeTable = new Table("REK COMMITTEE", "NAME", "REGION");
            foreach (var c in committees.RekCommittees) committeeTable.Add(c.Code, c.DisplayName, c.Region);
            committeeTable.WriteTo(stdout);
        });
        return command;
    }
}
