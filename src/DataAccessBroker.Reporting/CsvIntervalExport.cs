using System.Globalization;
using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Reporting;

/// <summary>
/// One CSV row per interval, times in UTC (ISO 8601 with Z). Every row says whether it comes from simulated history,
/// so the flag travels with the data into R or Python.
/// </summary>
public sealed class CsvIntervalExport(TextWriter writer) : IntervalExport
{
    private string _simulated = "false";

    public override Task BeginAsync(StatisticsScope scope)
    {
        _simulated = scope.Simulated ? "true" : "false";
        return writer.WriteLineAsync(
            "stage,body,purpose,open_time,close_time,outcome,body_business_days,body_calendar_days," +
            "applicant_wait_business_days,applicant_wait_calendar_days,within_sla,simulated");
    }

    public override Task WriteAsync(StageInterval i) =>
        writer.WriteLineAsync(string.Join(",", Terms.Words(i.Stage), i.Body, Terms.Words(i.Purpose),
            Utc(i.OpenTime), Utc(i.CloseTime), Terms.Words(i.Outcome), Number(i.BodyBusinessDays),
            Number(i.BodyCalendarDays), Number(i.ApplicantWaitBusinessDays), Number(i.ApplicantWaitCalendarDays),
            i.WithinSla ? "true" : "false", _simulated));

    public override Task EndAsync() => Task.CompletedTask;

    private static string Utc(Google.Protobuf.WellKnownTypes.Timestamp? time) =>
        time is null ? "" : time.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
