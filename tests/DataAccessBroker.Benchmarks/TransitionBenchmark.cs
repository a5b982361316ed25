using System.Diagnostics;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// The transitions benchmark: N closed-loop clients, a warm-up that is thrown away, then the measured window. The load
/// generator's own CPU time is taken over the measured window too, to show that it is not the bottleneck.
/// </summary>
public static class TransitionBenchmark
{
    public static async Task<TransitionResults> RunAsync(TransitionOptions options, TextWriter output, TextWriter error)
    {
        var cast = await Cast.SignInAsync(options.Issuer);
        using var connections = new BrokerConnections(options.Server, options.Connections);
        output.WriteLine($"dab-bench transitions: {options.Clients} clients over {options.Connections} connections " +
                         $"to {options.Server}, warm-up {options.Warmup.TotalSeconds:0} s, " +
                         $"measured {options.Measured.TotalSeconds:0} s");

        var clock = new PhaseClock(options.Warmup, options.Measured);
        var clients = Enumerable.Range(0, options.Clients)
            .Select(i => new TransitionClient(connections.For(i), cast, clock))
            .ToList();
        var running = clients.Select(c => Task.Run(c.RunAsync)).ToList();

        // The hooks stay outside the load generator's own CPU window: starting them is not load on the broker.
        await clock.UntilMeasuredAsync();
        await PhaseHook.RunAsync(options.AtMeasuredStart, error);
        var cpuAtStart = ProcessorTime();
        await clock.UntilOverAsync();
        var cpu = ProcessorTime() - cpuAtStart;
        await PhaseHook.RunAsync(options.AtMeasuredEnd, error);

        // The clients finish the calls in flight; what completes after the window is not counted.
        await Task.WhenAll(running);
        return TransitionResults.Merge(options, clock, clients.Select(c => c.Recorder).ToList(), cpu);
    }

    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
