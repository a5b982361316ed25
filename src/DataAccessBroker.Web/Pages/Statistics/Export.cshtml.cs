using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;
using DataAccessBroker.Web.Broker;
using DataAccessBroker.Web.Forms;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataAccessBroker.Web.Pages.Statistics;

/// <summary>
/// The stage intervals as CSV, streamed from the broker's export straight to the browser (never held whole), in the
/// same columns as <c>dab stats export</c>; coarsened and suppressed by the broker.
/// </summary>
public sealed class ExportModel(BrokerApi broker) : PageModel
{
    [BindProperty(SupportsGet = true)] public StatisticsFilterForm Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var (filter, bad) = Filter.ToFilter();
        if (bad.Count > 0) return BadRequest();

        using var call = broker.Statistics.ExportStageIntervals(new ExportStageIntervalsRequest { Filter = filter }, broker.Call());
        // The first answer carries the scope: refusals (an unknown source, say) come before a byte is written.
        if (!await call.ResponseStream.MoveNext(HttpContext.RequestAborted)) return new EmptyResult();

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"stage-intervals.csv\"";
        await using var writer = new StreamWriter(Response.Body, new System.Text.UTF8Encoding(false));
        var export = new CsvIntervalExport(writer);
        do
        {
            var batch = call.ResponseStream.Current;
            if (batch.Scope is not null) await export.BeginAsync(batch.Scope);
            foreach (var interval in batch.Intervals) await export.WriteAsync(interval);
        }
        while (await call.ResponseStream.MoveNext(HttpContext.RequestAborted));

        await export.EndAsync();
        await writer.FlushAsync(HttpContext.RequestAborted);
        return new EmptyResult();
    }
}
