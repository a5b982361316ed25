namespace DataAccessBroker.Benchmarks;

/// <summary>The options of <c>dab-bench transitions</c>.</summary>
public sealed record TransitionOptions(
    Uri Server,
    Uri Issuer,
    int Clients,
    TimeSpan Measured,
    TimeSpan Warmup,
    int ClientsPerConnection,
    string? JsonFile,
    string? AtMeasuredStart,
    string? AtMeasuredEnd)
{
    public static TransitionOptions Parse(ReadOnlySpan<string> args)
    {
        var server = new Uri("http://127.0.0.1:5090");
        var issuer = new Uri("http://127.0.0.1:5091");
        int clients = 8, seconds = 20, warmupSeconds = 3, clientsPerConnection = 4;
        string? json = null, atMeasuredStart = null, atMeasuredEnd = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length) throw new FormatException($"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--server": server = AbsoluteUri(name, value); break;
                case "--issuer": issuer = AbsoluteUri(name, value); break;
                case "--clients": clients = PositiveInt(name, value, allowZero: false); break;
                case "--seconds": seconds = PositiveInt(name, value, allowZero: false); break;
                case "--warmup-seconds": warmupSeconds = PositiveInt(name, value, allowZero: true); break;
                case "--clients-per-connection": clientsPerConnection = PositiveInt(name, value, allowZero: false); break;
                case "--json": json = value; break;
                case "--at-measured-start": atMeasuredStart = value; break;
                case "--at-measured-end": atMeasuredEnd = value; break;
                default: throw new FormatException($"unknown option {name}");
            }
        }

        return new TransitionOptions(server, issuer, clients, TimeSpan.FromSeconds(seconds),
            TimeSpan.FromSeconds(warmupSeconds), clientsPerConnection, json, atMeasuredStart, atMeasuredEnd);
    }

    /// <summary>How many HTTP/2 connections the clients share: one per few clients, at least one.</summary>
    public int Connections => (Clients + ClientsPerConnection - 1) / ClientsPerConnection;

    private static Uri AbsoluteUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"{name}: not a URL: {value}");

    private static int PositiveInt(string name, string value, bool allowZero) =>
        int.TryParse(value, out var number) && (number > 0 || (allowZero && number == 0))
            ? number
            : throw new FormatException($"{name}: expected a {(allowZero ? "non-negative" : "positive")} integer, got {value}");
}
