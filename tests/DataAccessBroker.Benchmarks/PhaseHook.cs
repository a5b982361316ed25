using System.Diagnostics;

namespace DataAccessBroker.Benchmarks;

/// <summary>
/// A shell command run when the measured window opens or closes (<c>--at-measured-start</c>, <c>--at-measured-end</c>).
/// The script snapshots the database's and the broker's counters there, so that what it divides by the measured
/// transitions was spent in the same window, not in the warm-up (cold JIT) or the tail.
/// </summary>
public static class PhaseHook
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(string? command, TextWriter error)
    {
        if (command is null) return;
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not start: {command}");
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            error.WriteLine($"warning: hook timed out after {Timeout.TotalSeconds:0} s: {command}");
            return;
        }

        if (process.ExitCode != 0) error.WriteLine($"warning: hook exited with {process.ExitCode}: {command}");
    }
}
