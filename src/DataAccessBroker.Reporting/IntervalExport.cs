using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Reporting;

/// <summary>
/// Writes exported stage intervals as they stream in, without holding them: the scope first (the first message
/// carries it), then each interval, then whatever closes the document.
/// </summary>
public abstract class IntervalExport
{
    public abstract Task BeginAsync(StatisticsScope scope);

    public abstract Task WriteAsync(StageInterval interval);

    public abstract Task EndAsync();
}
