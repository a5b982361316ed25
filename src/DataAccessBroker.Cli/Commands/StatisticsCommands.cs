using System.CommandLine;
using System.Globalization;
using DataAccessBroker.Cli.Connection;
using DataAccessBroker.Cli.Files;
using DataAccessBroker.Cli.Output;
using DataAccessBroker.Cli.Statistics;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;
using Grpc.Core;

namespace DataAccessBroker.Cli.Commands;

/// <summary>`dab stats …`: what council analysts read. Tables with bar charts, CSV export, an HTML report.</summary>
internal static class StatisticsCommands
{
    public static Command Stats(GlobalOptions options, TextWriter stdout)
    {
        var filter = new FilterOptions();
        var stats = new Command("stats", "Turnaround statistics for analysts (Analyst or Admin role)");
        stats.Subcommands.Add(Turnaround(options, filter, stdout));
        stats.Subcommands.Add(Backlog(options, filter, stdout));
        stats.Subcommands.Add(Trend(options, filter, stdout));
        stats.Subcommands.Add(Bottlenecks(options, filter, stdout));
        stats.Subcommands.Add(Export(options, filter, stdout));
        stats.Subcommands.Add(Report(options, filter, stdout));
        stats.Subcommands.Add(Benchmark(options, filter, stdout));
        return stats;
    }

    /// <summary>Times each statistics call over many runs and prints the median, for infra/benchmark.sh.</summary>
    private static Command Benchmark(GlobalOptions options, FilterOptions filter, TextWriter stdout)
    {
        var runs = new Option<int>("--runs") { Description = "Calls per query", DefaultValueFactory = _ => 21 };
        var command = filter.AddTo(new Command("benchmark", "Median answer time of each statistics query") { runs });
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var f = filter.Read(parse);
            var queries = new (string Name, Func<Task> Call)[]
            {
                ("one-year turnaround", async () => await clients.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = f }, BrokerClients.Call(cancellationToken))),
                ("bottleneck ranking", async () => await clients.Statistics.GetBottlenecksAsync(new GetBottlenecksRequest { Filter = f }, BrokerClients.Call(cancellationToken))),
                ("backlog", async () => await clients.Statistics.GetBacklogAsync(new GetBacklogRequest { Filter = f }, BrokerClients.Call(cancellationToken))),
                ("monthly trend", async () => await clients.Statistics.GetMonthlyTrendAsync(new GetMonthlyTrendRequest { Filter = f }, BrokerClients.Call(cancellationToken))),
            };
            foreach (var (name, call) in queries)
            {
                await call(); // warm-up
                var times = new List<double>();
                for (var i = 0; i < parse.GetValue(runs); i++)
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    await call();
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                times.Sort();
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} median {times[times.Count / 2],8:0.0} ms   (min {times[0]:0.0}, max {times[^1]:0.0}, {times.Count} runs)"));
            }
        });
        return command;
    }

    private static Command Turnaround(GlobalOptions options, FilterOptions filter, TextWriter stdout)
    {
        var nodes = NodesOption();
        var command = filter.AddTo(new Command("turnaround", "Turnaround per stage and body, with Kaplan–Meier estimates") { nodes });
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var request = new GetTurnaroundRequest { Filter = filter.Read(parse), Nodes = { Nodes(parse, nodes) } };
            var response = await clients.Statistics.GetTurnaroundAsync(request, BrokerClients.Call(cancellationToken));
            if (options.WroteJson(parse, stdout, response)) return;

            WriteScope(stdout, response.Scope);
            stdout.WriteLine();
            stdout.WriteLine("Tasks closed in the period");
            var closed = new Table("STAGE · BODY", "CLOSED", "MEDIAN", "P75", "P90", "MEAN", "CAL MEDIAN", "IN SLA", "APPLICANT");
            foreach (var g in response.Groups) closed.Add(StatisticsRows.Closed(g));
            closed.WriteTo(stdout);
            stdout.WriteLine(Legends.Closed);
            stdout.WriteLine();
            stdout.WriteLine("Tasks opened in the period, followed to today (the Kaplan–Meier cohort)");
            var cohort = new Table("STAGE · BODY", "OPENED", "DONE", "OPEN", "CANCELLED", "DONE MEDIAN", "KM MEDIAN", "KM P90");
            foreach (var g in response.Groups) cohort.Add(StatisticsRows.Cohort(g));
            cohort.WriteTo(stdout);
            stdout.WriteLine(Legends.Cohort);
            stdout.WriteLine(Legends.Blank(response.Scope.SuppressionThreshold));
            WriteBars(stdout, "Median business days per stage", response.Groups
                .Where(g => g.Body.Length == 0 && !g.Suppressed && g.HasMedianBusinessDays)
                .Select(g => (Terms.Stage(g.Stage), g.MedianBusinessDays)));
            if (response.Nodes.Count > 0) WriteNodes(stdout, response.Nodes);
        });
        return command;
    }

    /// <summary>Every node's own turnaround side by side: per stage, each node's median business days and cases.</summary>
    private static void WriteNodes(TextWriter stdout, IReadOnlyList<NodeTurnaround> nodes)
    {
        stdout.WriteLine();
        stdout.WriteLine("Each node's own turnaround (median business days, cases), as each node reported it");
        var table = new Table(["STAGE", .. nodes.Select(n => n.Node.ToUpperInvariant())]);
        foreach (var row in NodeComparison.Rows(nodes)) table.Add(row);
        table.WriteTo(stdout);
        foreach (var n in nodes.Where(n => n.Error.Length > 0)) stdout.WriteLine($"{n.Node}: could not be asked: {n.Error}");
        stdout.WriteLine("Each node suppresses small groups itself before its figures leave it.");
    }

    private static Option<string[]> NodesOption() => new("--nodes")
    {
        Description = "Add other nodes' own turnaround side by side: peer codes, or 'all'",
        AllowMultipleArgumentsPerToken = true,
    };

    private static IEnumerable<string> Nodes(ParseResult parse, Option<string[]> option) =>
        (parse.GetValue(option) ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Command Backlog(GlobalOptions options, FilterOptions filter, TextWriter stdout)
    {
        var asOf = new Option<string?>("--as-of")
        {
            Description = "The backlog at the end of this past day, YYYY-MM-DD, from that night's snapshot (default: now)",
        };
        var command = filter.AddTo(new Command("backlog", "Open work, its age, how much is overdue and how much waits on the applicant"));
        command.Options.Add(asOf);
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var request = new GetBacklogRequest { Filter = filter.Read(parse) };
            if (parse.GetValue(asOf) is { } day)
            {
                request.AsOfDate = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day }
                    : throw new UsageException($"--as-of '{day}' is not a day (YYYY-MM-DD)");
            }

            var response = await clients.Statistics.GetBacklogAsync(request, BrokerClients.Call(cancellationToken));
            if (options.WroteJson(parse, stdout, response)) return;

            WriteScope(stdout, response.Scope);
            stdout.WriteLine($"Open tasks as of {Times.Format(response.AsOfTime)}, whatever month they opened in");

            var table = new Table("STAGE · BODY", "OPEN", "OVERDUE", "ON APPLICANT", "0-10 BD", "10-30 BD", "30-60 BD", "60+ BD");
            foreach (var g in response.Groups) table.Add(StatisticsRows.Backlog(g));

            table.WriteTo(stdout);
            WriteBars(stdout, "Open tasks per stage", response.Groups.Where(g => g.Body.Length == 0 && !g.Suppressed)
                .Select(g => (Terms.Stage(g.Stage), (double)g.Open)));
        });
        return command;
    }

    private static Command Trend(GlobalOptions options, FilterOptions filter, TextWriter stdout)
    {
        var command = filter.AddTo(new Command("trend", "Per month: arrivals, completions, median lead time, backlog"));
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var response = await clients.Statistics.GetMonthlyTrendAsync(
                new GetMonthlyTrendRequest { Filter = filter.Read(parse) }, BrokerClients.Call(cancellationToken));
            if (options.WroteJson(parse, stdout, response)) return;

            WriteScope(stdout, response.Scope);
            stdout.WriteLine("Applications (not stage tasks) per month");
            var max = response.Months.Select(m => (double)m.BacklogAtMonthEnd).DefaultIfEmpty(0).Max();
            var table = new Table("MONTH", "ARRIVALS", "COMPLETIONS", "MEDIAN LEAD (CAL)", "OPEN AT MONTH END", "");
            foreach (var m in response.Months) table.Add([.. StatisticsRows.Month(m), Figures.Bar(m.BacklogAtMonthEnd, max, 24)]);

            table.WriteTo(stdout);
            stdout.WriteLine(Legends.Trend);
            stdout.WriteLine($"suppressed: median lead time of a month with fewer than {response.Scope.SuppressionThreshold} completions.");
        });
        return command;
    }

    private static Command Bottlenecks(GlobalOptions options, FilterOptions filter, TextWriter stdout)
    {
        var command = filter.AddTo(new Command("bottlenecks", "Stages and bodies ranked by their share of lead time and overdue work"));
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var response = await clients.Statistics.GetBottlenecksAsync(
                new GetBottlenecksRequest { Filter = filter.Read(parse) }, BrokerClients.Call(cancellationToken));
            if (options.WroteJson(parse, stdout, response)) return;

            WriteScope(stdout, response.Scope);
            var table = new Table("STAGE · BODY", "LEAD TIME", "OVERDUE", "MEAN BD", "");
            foreach (var b in response.Bottlenecks) table.Add([.. StatisticsRows.Bottleneck(b), Figures.Bar(b.ShareOfLeadTime, 1, 30)]);

            table.WriteTo(stdout);
        });
        return command;
    }

    private static Command Export(GlobalOptions options, FilterOptions filter, TextWriter stdout)
    {
        var output = new Option<string?>("--csv") { Description = "Write CSV to this file (default: standard output)" };
        var command = filter.AddTo(new Command("export",
            "Every closed stage interval of the period as CSV (or, with --json, one JSON document), for R or Python") { output });
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var path = parse.GetValue(output);
            await using var file = path is null ? null : new StreamWriter(path);
            var writer = (TextWriter?)file ?? stdout;
            using var call = clients.Statistics.ExportStageIntervals(
                new ExportStageIntervalsRequest { Filter = filter.Read(parse) }, new CallOptions(cancellationToken: cancellationToken));
            var export = parse.GetValue(options.Json) ? (IntervalExport)new JsonIntervalExport(writer) : new CsvIntervalExport(writer);
            var rows = 0;
            await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                if (batch.Scope is not null)
                {
                    await export.BeginAsync(batch.Scope);
                    // The period and filters go to the terminal, never into the data a script reads.
                    foreach (var line in ScopeDescription.Lines(batch.Scope)) await parse.InvocationConfiguration.Error.WriteLineAsync(line);
                }

                foreach (var interval in batch.Intervals)
                {
                    rows++;
                    await export.WriteAsync(interval);
                }
            }

            await export.EndAsync();
            if (path is not null) stdout.WriteLine($"{rows} stage intervals written to {path}");
        });
        return command;
    }

    private static Command Report(GlobalOptions options, FilterOptions filter, TextWriter stdout)
    {
        var html = new Option<string>("--html") { Description = "The report file to write", Required = true };
        var nodes = NodesOption();
        var command = filter.AddTo(new Command("report", "A self-contained HTML report (inline SVG charts) to send to a council") { html, nodes });
        command.Run(options, stdout, async (parse, clients, cancellationToken) =>
        {
            var snapshot = await StatisticsSnapshot.FetchAsync(clients, filter.Read(parse), [.. Nodes(parse, nodes)], cancellationToken);
            var path = parse.GetValue(html)!;
            await File.WriteAllTextAsync(path, HtmlReport.Render(snapshot, DateTimeOffset.UtcNow), cancellationToken);
            stdout.WriteLine($"Report written to {path}");
            var scope = ReportScope.Of(snapshot);
            if (scope.Simulated || scope.SimulatedNodes.Count > 0) stdout.WriteLine("It holds simulated history, and says so on top: not for a council.");
            else if (!scope.Reported) stdout.WriteLine("The broker did not say whether its history is simulated; the report warns of it.");
        });
        return command;
    }


    /// <summary>The period, the filters and the threshold the broker computed with; the warning for simulated history.</summary>
    private static void WriteScope(TextWriter stdout, Contracts.V1.StatisticsScope? scope)
    {
        foreach (var line in ScopeDescription.Lines(scope)) stdout.WriteLine(line);
    }

    private static void WriteBars(TextWriter stdout, string title, IEnumerable<(string Label, double Value)> bars)
    {
        var data = bars.ToList();
        if (data.Count == 0) return;
        stdout.WriteLine();
        stdout.WriteLine(title);
        var max = data.Max(d => d.Value);
        var width = data.Max(d => d.Label.Length);
        foreach (var (label, value) in data)
        {
            stdout.WriteLine($"  {label.PadRight(width)}  {Figures.Bar(value, max)} {Figures.Days(value)}");
        }
    }

    /// <summary>The filter options every stats command takes.</summary>
    private sealed class FilterOptions
    {
        private readonly Option<string?> _from = new("--from")
        {
            Description = "First month, YYYY-MM (default: January of --to's year, or of this year). Turnaround and " +
                          "bottlenecks take a calendar year or one quarter",
        };
        private readonly Option<string?> _to = new("--to") { Description = "Last month, YYYY-MM (default: December of --from's year, or of this year)" };
        private readonly Option<string?> _purpose = new("--purpose") { Description = "health-research, quality-improvement, statistics or health-administration" };
        private readonly Option<string?> _source = new("--source") { Description = "Only this data source's review and delivery work" };
        private readonly Option<string?> _committee = new("--committee") { Description = "Only this REK committee's reviews" };
        private readonly Option<int?> _suppress = new("--suppress-below") { Description = "Suppress groups smaller than this (at least 5)" };

        public Command AddTo(Command command)
        {
            foreach (var option in new Option[] { _from, _to, _purpose, _source, _committee, _suppress }) command.Options.Add(option);
            return command;
        }

        /// <summary>The filter as given: the broker fills in the default period and says which in each answer's scope.</summary>
        public StatisticsFilter Read(ParseResult parse)
        {
            var filter = new StatisticsFilter
            {
                StartDate = Month(parse.GetValue(_from), "--from"),
                EndDate = Month(parse.GetValue(_to), "--to"),
                DataSource = parse.GetValue(_source) ?? "",
                RekCommittee = parse.GetValue(_committee) ?? "",
            };
            if (parse.GetValue(_suppress) is { } threshold) filter.SuppressionThreshold = threshold;
            if (parse.GetValue(_purpose) is { } purpose) filter.Purpose = ApplicationFile.ParsePurpose(purpose, "--purpose");
            return filter;
        }

        private static Google.Type.Date? Month(string? text, string option)
        {
            if (text is null) return null;
            return DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                ? new Google.Type.Date { Year = month.Year, Month = month.Month, Day = 1 }
                : throw new UsageException($"{option} '{text}' is not a month (YYYY-MM)");
        }
    }
}
