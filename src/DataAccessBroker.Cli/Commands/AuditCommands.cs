using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;

namespace DataAccessBroker.Cli.Commands;

/// <summary>`dab audit verify`: whether the history is as it was written; `dab audit access`: who read what (Admin).</summary>
internal static class AuditCommands
{
    public static Command Audit(GlobalOptions options, TextWriter stdout)
    {
        var verify = new Command("verify", "Recompute every application's hash chain and report the first broken link (exit 8)");
        verify.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var report = await clients.Audit.VerifyAuditAsync(new VerifyAuditRequest(), BrokerClients.Call(cancellationToken));
            if (!options.WroteJson(parse, stdout, report))
            {
                stdout.WriteLine($"{report.Events} events of {report.Applications} applications checked.");
                stdout.WriteLine(report.HistoryWritePrivileges.Count == 0
                    ? $"The broker's database role {report.DatabaseRole} may only read and append events."
                    : $"Warning: the broker's database role {report.DatabaseRole} can change or remove events " +
                      $"({string.Join(", ", report.HistoryWritePrivileges)}); the chain would show it, nothing " +
                      "prevents it. Give the broker a role of its own and the migrations the owner's " +
                      "(ConnectionStrings:Migrations).");
            }

            if (!report.Intact)
            {
                throw new UsageException(
                    $"the history was changed: {report.Application}, event {report.Sequence}: {report.Problem.ToLowerInvariant()}",
                    ExitCodes.AuditBroken);
            }

            if (!parse.GetValue(options.Json)) stdout.WriteLine("Every chain holds: no event was changed or removed.");
        });
        return new Command("audit", "The tamper-evident history and the access log (Admin)")
        {
            verify, Access(options, stdout),
        };
    }

    /// <summary>`dab audit access APPLICATION`: who read the application, when, and through which RPC.</summary>
    private static Command Access(GlobalOptions options, TextWriter stdout)
    {
        var id = new Argument<string>("application") { Description = "Application id" };
        var command = new Command("access",
            "Who read an application's content or history, and when (its applicant's own reads are not logged)") { id };
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var name = Names.Application(parse.GetValue(id)!);
            var records = await Paging.AllAsync(async token =>
            {
                var page = await clients.Audit.ListApplicationAccessAsync(
                    new ListApplicationAccessRequest { Parent = name, PageSize = 100, PageToken = token },
                    BrokerClients.Call(cancellationToken));
                return (page.AccessRecords.AsEnumerable(), page.NextPageToken);
            });

            if (parse.GetValue(options.Json))
            {
                Views.WriteJson(stdout, (null, new ListApplicationAccessResponse { AccessRecords = { records } }));
                return;
            }

            var table = new Table("TIME", "WHO", "NAME", "ORGANISATION", "ROLES", "READ");
            foreach (var r in records)
            {
                table.Add(Times.Format(r.ReadTime), r.Actor, r.ActorName, r.ActorOrganisation, string.Join(",", r.ActorRoles),
                    r.Read);
            }

            table.WriteTo(stdout);
        });
        return command;
    }
}
