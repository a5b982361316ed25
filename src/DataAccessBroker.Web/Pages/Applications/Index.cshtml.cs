using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataAccessBroker.Web.Pages.Applications;

/// <summary>The researcher's applications, a page at a time, with where each stands and its next deadline.</summary>
public sealed class IndexModel(BrokerApi broker) : PageModel
{
    public IReadOnlyList<Application> Applications { get; private set; } = [];
    public string NextPageToken { get; private set; } = "";

    public async Task OnGetAsync(string? next)
    {
        var response = await broker.Applications.ListApplicationsAsync(
            new ListApplicationsRequest { PageSize = 50, PageToken = next ?? "" }, broker.Call());
        Applications = response.Applications;
        NextPageToken = response.NextPageToken;
    }
}
