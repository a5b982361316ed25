using DataAccessBroker.Contracts.V1;
using Google.Protobuf;

namespace DataAccessBroker.Reporting;

/// <summary>
/// One JSON document, written as the intervals stream in: <c>{"scope": {…}, "intervals": [{…}, …]}</c>, each object
/// in the API's JSON form (proto field names in lowerCamelCase, times in UTC).
/// </summary>
public sealed class JsonIntervalExport(TextWriter writer) : IntervalExport
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);
    private bool _first = true;

    public override async Task BeginAsync(StatisticsScope scope)
    {
        await writer.WriteAsync($"{{\"scope\": {Json.Format(scope)},\n\"intervals\": [");
    }

    public override async Task WriteAsync(StageInterval interval)
    {
        await writer.WriteAsync((_first ? "\n" : ",\n") + Json.Format(interval));
        _first = false;
    }

    public override Task EndAsync() => writer.WriteLineAsync("\n]}");
}
