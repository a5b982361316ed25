using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataAccessBroker.Web.Pages.Admin;

/// <summary>The SLA milestones the broker recorded, newest first, and the notifications they queued.</summary>
public sealed class SlaModel(BrokerApi broker) : PageModel
{
    public ListSlaFiringsResponse Firings { get; private set; } = new();
    public ListNotificationsResponse Notifications { get; private set; } = new();
    public SlaFiring.Types.Milestone Milestone { get; private set; }
    public bool UnsentOnly { get; private set; }

    public async Task OnGetAsync(SlaFiring.Types.Milestone milestone, string? firings, bool unsent, string? notifications)
    {
        (Milestone, UnsentOnly) = (milestone, unsent);
        Firings = await broker.Operations.ListSlaFiringsAsync(
            new ListSlaFiringsRequest { PageSize = 50, PageToken = firings ?? "", Milestone = milestone }, broker.Call());
        Notifications = await broker.Operations.ListNotificationsAsync(
            new ListNotificationsRequest { PageSize = 50, PageToken = notifications ?? "", UnsentOnly = unsent }, broker.Call());
    }
}
