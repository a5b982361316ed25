namespace DataAccessBroker.Benchmarks;

/// <summary>
/// The options of <c>dab-bench federation</c>. The three nodes sit where infra/federation.sh puts them: Norway's gRPC
/// endpoint at the base port, Denmark's 100 above, Finland's 200 above, each with its token issuer one port higher.
/// </summary>
public sealed record FederationBenchOptions(string Host, int BasePort, int Applications, int Concurrency, string? JsonFile)
{
    public static FederationBenchOptions Parse(ReadOnlySpan<string> args)
    {
        var host = "127.0.0.1";
        int basePort = 5080, applications = 64, concurrency = 32;
        string? json = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length) throw new FormatException($"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--host": host = value; break;
                case "--base-port": basePort = Positive(name, value); break;
                case "--applications": applications = Positive(name, value); break;
                case "--concurrency": concurrency = Positive(name, value); break;
                case "--json": json = value; break;
                default: throw new FormatException($"unknown option {name}");
            }
        }

        return new FederationBenchOptions(host, basePort, applications, Math.Min(concurrency, applications), json);
    }

    public Uri Server(string node) => new($"http://{Host}:{BasePort + Offset(node)}");

    public Uri Issuer(string node) => new($"http://{Host}:{BasePort + Offset(node) + 1}");

    private static int Offset(string node) => node switch
    {
        "no" => 0, "dk" => 100, "fi" => 200, _ => throw new ArgumentOutOfRangeException(nameof(node), node, null),
    };

    private static int Positive(string name, string value) =>
        int.TryParse(value, out var number) && number > 0
            ? number
            : throw new FormatException($"{name}: expected a positive integer, got {value}");
}
