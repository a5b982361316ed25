namespace DataAccessBroker.Benchmarks;

/// <summary>Dispatches <c>dab-bench COMMAND …</c>: <c>transitions</c> on one broker, <c>federation</c> across three nodes.</summary>
public static class BenchCommandLine
{
    public const string Usage =
        "usage: dab-bench transitions --server URL --issuer URL [--clients N] [--seconds S] [--warmup-seconds W]\n" +
        "                             [--clients-per-connection K] [--json FILE]\n" +
        "                             [--at-measured-start COMMAND] [--at-measured-end COMMAND]\n" +
        "       dab-bench federation [--host HOST] [--base-port PORT] [--applications N] [--concurrency C] [--json FILE]\n" +
        "       dab-bench portal --portal URL --server URL --issuer URL [--applications N] [--requests N] [--clients C]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "federation") return await FederationAsync(args.AsSpan(1).ToArray(), output, error);
        if (args.Length > 0 && args[0] == "portal") return await PortalAsync(args.AsSpan(1).ToArray(), output, error);
        if (args.Length == 0 || args[0] != "transitions")
        {
            error.WriteLine(Usage);
            return 2;
        }

        TransitionOptions options;
        try
        {
            options = TransitionOptions.Parse(args.AsSpan(1));
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 2;
        }

        var results = await TransitionBenchmark.RunAsync(options, output, error);
        ResultsTable.Write(results, output);
        if (options.JsonFile is { } file) ResultsJson.Write(results, file);

        // A run in which no application went through is a broken setup, not a measurement; scripts must notice.
        return results.Transitions > 0 ? 0 : 1;
    }

    private static async Task<int> FederationAsync(string[] args, TextWriter output, TextWriter error)
    {
        FederationBenchOptions options;
        try
        {
            options = FederationBenchOptions.Parse(args);
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 2;
        }

        var results = await FederationBenchmark.RunAsync(options, error);
        results.Write(output);
        if (options.JsonFile is { } file) results.WriteJson(file);
        return results.Runs.Count > 0 ? 0 : 1;
    }

    private static async Task<int> PortalAsync(string[] args, TextWriter output, TextWriter error)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
        if (!values.TryGetValue("--portal", out var portal) || !values.TryGetValue("--server", out var server)
            || !values.TryGetValue("--issuer", out var issuer) || args.Length % 2 != 0)
        {
            error.WriteLine(Usage);
            return 2;
        }

        int Number(string option, int fallback) => values.TryGetValue(option, out var text) && int.TryParse(text, out var n) && n > 0
            ? n : values.ContainsKey(option) ? throw new FormatException($"{option} takes a positive number") : fallback;
        try
        {
            return await PortalBenchmark.RunAsync(new Uri(portal), new Uri(server), new Uri(issuer),
                Number("--applications", 50), Number("--requests", 400), Number("--clients", 4), output, error);
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 2;
        }
    }
}
