using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataAccessBroker.Web.Pages.Admin;

/// <summary>The background work: Hangfire's recurring jobs and servers, the SLA firing backlog, the links to peers.</summary>
public sealed class JobsModel(BrokerApi broker) : PageModel
{
    public GetJobStatusResponse Jobs { get; private set; } = new();
    public ListPeersResponse Peers { get; private set; } = new();

    public async Task OnGetAsync()
    {
        Jobs = await broker.Operations.GetJobStatusAsync(new GetJobStatusRequest(), broker.Call());
        Peers = await broker.Federation.ListPeersAsync(new ListPeersRequest(), broker.Call());
    }
}
