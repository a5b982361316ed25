using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using DataAccessBroker.Web.Forms;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RpcCode = Grpc.Core.StatusCode;

namespace DataAccessBroker.Web.Pages.Statistics;

/// <summary>
/// The analyst's page: turnaround (closed in the period and the Kaplan–Meier cohort), backlog, trend and bottlenecks
/// under one set of filters, with the HTML report's charts (DataAccessBroker.Reporting) and the CSV of the intervals.
/// Aggregates only, suppressed as the broker suppresses them.
/// </summary>
public sealed class IndexModel(BrokerApi broker, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public StatisticsFilterForm Filter { get; set; } = new();

    public Catalog Catalog { get; private set; } = null!;
    public GetTurnaroundResponse? Turnaround { get; private set; }
    public GetBacklogResponse? Backlog { get; private set; }
    public GetMonthlyTrendResponse? Trend { get; private set; }
    public GetBottlenecksResponse? Bottlenecks { get; private set; }

    public async Task OnGetAsync()
    {
        // The catalog (for the filters) and the answers at once over the one channel: the page waits for the
        // slowest call, not for their sum.
        var catalog = Catalog.ReadAsync(broker);
        var (filter, bad) = Filter.ToFilter();
        foreach (var field in bad) ModelState.AddModelError(field, t["Not a month: use YYYY-MM."]);
        if (bad.Count > 0)
        {
            Catalog = await catalog;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }

        try
        {
            var turnaround = broker.Statistics.GetTurnaroundAsync(new GetTurnaroundRequest { Filter = filter }, broker.Call()).ResponseAsync;
            var backlog = broker.Statistics.GetBacklogAsync(new GetBacklogRequest { Filter = filter }, broker.Call()).ResponseAsync;
            var trend = broker.Statistics.GetMonthlyTrendAsync(new GetMonthlyTrendRequest { Filter = filter }, broker.Call()).ResponseAsync;
            var bottlenecks = broker.Statistics.GetBottlenecksAsync(new GetBottlenecksRequest { Filter = filter }, broker.Call()).ResponseAsync;
            await Task.WhenAll(catalog, turnaround, backlog, trend, bottlenecks);
            Catalog = catalog.Result;
            (Turnaround, Backlog, Trend, Bottlenecks) = (turnaround.Result, backlog.Result, trend.Result, bottlenecks.Result);
        }
        catch (RpcException e) when (e.StatusCode is RpcCode.InvalidArgument)
        {
            Catalog = await catalog;
            BrokerRefusal.From(e).ShowOn(ModelState, StatisticsFilterForm.FieldOf);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
    }
}
