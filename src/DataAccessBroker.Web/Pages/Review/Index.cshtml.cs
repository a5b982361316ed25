using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataAccessBroker.Web.Pages.Review;

/// <summary>
/// The organisation's work queue as the broker orders it: the earliest deadline first, overdue work marked. Open work
/// by default; the applicant's turn (paused, changes requested) on request.
/// </summary>
public sealed class IndexModel(BrokerApi broker) : PageModel
{
    public IReadOnlyList<StageTask> Tasks { get; private set; } = [];
    public string NextPageToken { get; private set; } = "";
    public bool OverdueOnly { get; private set; }
    public bool Waiting { get; private set; }

    public async Task OnGetAsync(string? next, bool overdue, bool waiting)
    {
        OverdueOnly = overdue;
        Waiting = waiting;
        var request = new ListTasksRequest { PageSize = 50, PageToken = next ?? "", OverdueOnly = overdue };
        request.States.Add(StageTask.Types.State.Open);
        if (waiting) request.States.Add([StageTask.Types.State.Paused, StageTask.Types.State.ChangesRequested]);
        var response = await broker.Reviews.ListTasksAsync(request, broker.Call());
        Tasks = response.Tasks;
        NextPageToken = response.NextPageToken;
    }
}
