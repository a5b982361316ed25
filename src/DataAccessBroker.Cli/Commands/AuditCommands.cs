using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Cli.Commands;

/// <summary>`dab audit verify`: whether the history is as it was written (Admin).</summary>
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
        return new Command("audit", "The tamper-evident history (Admin)") { verify };
    }
}
