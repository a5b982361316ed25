namespace DataAccessBroker.Benchmarks;

/// <summary>Dispatches <c>dab-bench COMMAND …</c>; only <c>transitions</c> exists so far.</summary>
public static class BenchCommandLine
{
    public const string Usage =
        "usage: dab-bench transitions --server URL --issuer URL [--clients N] [--seconds S] [--warmup-seconds W]\n" +
        "                             [--clients-per-connection K] [--json FILE]\n" +
        "                             [--at-measured-start COMMAND] [--at-measured-end COMMAND]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
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
}
