using System.CommandLine;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;
using Milestone = DataAccessBroker.Contracts.V1.SlaFiring.Types.Milestone;

namespace DataAccessBroker.Cli.Commands;

/// <summary>
/// `dab ops firings`, `dab ops notifications`, `dab ops jobs`: what an admin watches (OperationsService): the SLA
/// milestones on record, the notification outbox, the background jobs and the milestones due and not yet recorded.
/// </summary>
internal static class OperationsCommands
{
    /// <summary>The milestones <c>--milestone</c> accepts, as people write them.</summary>
    private static readonly Dictionary<string, Milestone> Milestones = new()
    {
        ["reminder"] = Milestone.Reminder, ["breach"] = Milestone.Breach, ["escalation"] = Milestone.Escalation,
    };

    public static Command Operations(GlobalOptions options, TextWriter stdout) =>
        new("ops", "What admins watch: SLA milestones recorded, notifications queued, background jobs (Admin)")
        {
            Firings(options, stdout), Notifications(options, stdout), Jobs(options, stdout),
        };

    private static Command Firings(GlobalOptions options, TextWriter stdout)
    {
        var milestone = new Option<string?>("--milestone") { Description = "Only this milestone: reminder, breach or escalation" };
        milestone.AcceptOnlyFromAmong([.. Milestones.Keys]);
        var (pageSize, pageToken, all) = PagingOptions("Milestones");
        var command = new Command("firings", "The SLA milestones recorded, newest first, with how late each was recorded")
        {
            milestone, pageSize, pageToken, all,
        };
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            ListSlaFiringsRequest Request(string token) => new()
            {
                PageSize = parse.GetValue(pageSize), PageToken = token,
                Milestone = parse.GetValue(milestone) is { } m ? Milestones[m] : Milestone.Unspecified,
            };

            var page = new ListSlaFiringsResponse();
            if (parse.GetValue(all))
            {
                page.Firings.AddRange(await Paging.AllAsync(async token =>
                {
                    var next = await clients.Operations.ListSlaFiringsAsync(Request(token), BrokerClients.Call(cancellationToken));
                    return (next.Firings.AsEnumerable(), next.NextPageToken);
                }));
            }
            else
            {
                page = await clients.Operations.ListSlaFiringsAsync(
                    Request(parse.GetValue(pageToken) ?? ""), BrokerClients.Call(cancellationToken));
            }

            if (options.WroteJson(parse, stdout, page)) return;

            var table = new Table("RECORDED", "MILESTONE", "DUE", "LATE", "APPLICATION", "STAGE", "BODY", "TASK");
            foreach (var f in page.Firings)
            {
                table.Add(Times.Format(f.FireTime), Terms.Words(f.Milestone), Times.Format(f.DueTime),
                    Late(f.Lateness.ToTimeSpan()), $"{Views.Id(f.Application)} {f.ApplicationTitle}",
                    f.Stage == Stage.Unspecified ? "application" : Terms.Stage(f.Stage), f.Organisation,
                    f.Task.Length == 0 ? "" : Views.Id(f.Task));
            }

            table.WriteTo(stdout);
            More(stdout, page.NextPageToken, "milestones");
        });
        return command;
    }

    private static Command Notifications(GlobalOptions options, TextWriter stdout)
    {
        var unsent = new Option<bool>("--unsent") { Description = "Only the notifications not yet sent" };
        var (pageSize, pageToken, all) = PagingOptions("Notifications");
        var command = new Command("notifications", "The notification outbox, newest first, and how many wait to be sent")
        {
            unsent, pageSize, pageToken, all,
        };
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            ListNotificationsRequest Request(string token) =>
                new() { PageSize = parse.GetValue(pageSize), PageToken = token, UnsentOnly = parse.GetValue(unsent) };

            var page = new ListNotificationsResponse();
            if (parse.GetValue(all))
            {
                page.Notifications.AddRange(await Paging.AllAsync(async token =>
                {
                    var next = await clients.Operations.ListNotificationsAsync(Request(token), BrokerClients.Call(cancellationToken));
                    page.Unsent = next.Unsent; // as the last page counted them
                    return (next.Notifications.AsEnumerable(), next.NextPageToken);
                }));
            }
            else
            {
                page = await clients.Operations.ListNotificationsAsync(
                    Request(parse.GetValue(pageToken) ?? ""), BrokerClients.Call(cancellationToken));
            }

            if (options.WroteJson(parse, stdout, page)) return;

            var table = new Table("QUEUED", "SENT", "KIND", "TO", "APPLICATION", "MESSAGE");
            foreach (var n in page.Notifications)
            {
                table.Add(Times.Format(n.CreateTime), n.SentTime is null ? "not yet" : Times.Format(n.SentTime), n.Kind,
                    n.Recipient, Views.Id(n.Application), n.Message);
            }

            table.WriteTo(stdout);
            stdout.WriteLine($"{page.Unsent} notifications not yet sent.");
            More(stdout, page.NextPageToken, "notifications");
        });
        return command;
    }

    private static Command Jobs(GlobalOptions options, TextWriter stdout)
    {
        var command = new Command("jobs",
            "Background jobs: recurring jobs, servers, job counts, milestones due and not yet recorded, notifications waiting");
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var status = await clients.Operations.GetJobStatusAsync(new GetJobStatusRequest(), BrokerClients.Call(cancellationToken));
            if (options.WroteJson(parse, stdout, status)) return;

            var jobs = new Table("RECURRING JOB", "CRON", "TIME ZONE", "LAST RUN", "LAST STATE", "NEXT RUN", "ERROR");
            foreach (var j in status.RecurringJobs)
            {
                jobs.Add(j.Id, j.Cron, j.TimeZone, Times.Format(j.LastExecutionTime), j.LastState,
                    Times.Format(j.NextExecutionTime), j.Error);
            }

            jobs.WriteTo(stdout);
            stdout.WriteLine();
            var servers = new Table("SERVER", "WORKERS", "QUEUES", "STARTED", "HEARTBEAT");
            foreach (var s in status.Servers)
            {
                servers.Add(s.Name, $"{s.Workers}", string.Join(",", s.Queues), Times.Format(s.StartTime), Times.Format(s.HeartbeatTime));
            }

            servers.WriteTo(stdout);
            stdout.WriteLine();
            stdout.WriteLine($"Jobs: {status.Enqueued} enqueued, {status.Scheduled} scheduled, {status.Processing} processing, " +
                             $"{status.Succeeded} succeeded, {status.Failed} failed.");
            stdout.WriteLine($"SLA milestones due and not yet recorded: {status.OverdueMilestones}" +
                             (status.Servers.Count == 0 ? " (no server runs the firing process)" : "") + ".");
            stdout.WriteLine($"Notifications not yet sent: {status.UnsentNotifications}.");
        });
        return command;
    }

    private static (Option<int> PageSize, Option<string?> PageToken, Option<bool> All) PagingOptions(string items) => (
        new Option<int>("--page-size") { Description = $"{items} per page (at most 100)", DefaultValueFactory = _ => 50 },
        new Option<string?>("--page-token") { Description = "The next page, as the previous page named it" },
        new Option<bool>("--all") { Description = "Every page at once" });

    private static void More(TextWriter stdout, string nextPageToken, string items)
    {
        if (nextPageToken.Length > 0) stdout.WriteLine($"More {items}: add --page-token {nextPageToken} (or --all for every page).");
    }

    /// <summary>Lateness as people read it: seconds, minutes, hours or days.</summary>
    private static string Late(TimeSpan late) => late switch
    {
        { TotalSeconds: < 60 } => $"{late.TotalSeconds:0.0} s",
        { TotalMinutes: < 60 } => $"{late.TotalMinutes:0} min",
        { TotalHours: < 48 } => $"{late.TotalHours:0.#} h",
        _ => $"{late.TotalDays:0.#} d",
    };
}
