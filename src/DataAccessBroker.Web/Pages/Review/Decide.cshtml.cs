using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using DataAccessBroker.Web.Display;
using DataAccessBroker.Web.Forms;
using DataAccessBroker.Web.Sessions;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RpcCode = Grpc.Core.StatusCode;

namespace DataAccessBroker.Web.Pages.Review;

/// <summary>
/// One task as its reviewer decides it: the whole application, the other bodies' decisions, the history, and the
/// decision form. The decision carries the etag the reviewer read, so a colleague's decision in between is reported,
/// not overwritten.
/// </summary>
public sealed class DecideModel(BrokerApi broker, UnsavedForms unsaved, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public DecisionForm Decision { get; set; } = new();

    public Application Application { get; private set; } = null!;
    public StageTask Task { get; private set; } = null!;
    public IReadOnlyList<ApplicationEvent> History { get; private set; } = [];
    public string? Notice { get; private set; }
    public bool Refused { get; private set; }

    public bool CanDecide => Task.State == StageTask.Types.State.Open && Task.Node.Length == 0;
    public bool IsDelivery => Task.Stage == Stage.DataDelivery;
    public bool TakesConditions => Task.Stage == Stage.HdsDecision;

    public async Task<IActionResult> OnGetAsync(string application, string task)
    {
        await LoadAsync(application, task);
        Decision = new DecisionForm { Etag = Task.Etag, Decision = IsDelivery ? DecisionForm.Deliver : "" };
        var kept = await unsaved.TakeAsync(HttpContext);
        if (kept is { WasLost: false })
        {
            await TryUpdateModelAsync(Decision, "Decision", kept.Values());
            Notice = t["Your session ended before your decision was recorded. You have signed in again and it is below: nothing has been recorded yet. Check it and send it again."];
            Refused = true;
        }
        else if (kept is not null)
        {
            Notice = t["Your session ended before your decision was recorded, and it could not be kept. Nothing was recorded."];
            Refused = true;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string application, string task)
    {
        var name = $"applications/{application}/tasks/{task}";
        if (!DecisionForm.All.Contains(Decision.Decision))
        {
            // Which call to make is the portal's own choice, not a field of the broker's: the portal asks for it.
            await LoadAsync(application, task);
            ModelState.AddModelError("Decision.Decision", t["Choose a decision."]);
            Notice = t["The decision was not recorded."];
            Refused = true;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        try
        {
            await DecideAsync(name);
        }
        catch (RpcException e) when (e.StatusCode is RpcCode.InvalidArgument or RpcCode.FailedPrecondition or RpcCode.Aborted)
        {
            var refusal = BrokerRefusal.From(e);
            await LoadAsync(application, task);
            Refused = true;
            if (refusal.IsConcurrentChange)
            {
                // Show the task as it is now; the reviewer's words stay in the form, the new etag with them.
                var by = Task.DecidedBy.Length > 0 ? Task.DecidedBy : t["a colleague"].Value;
                Notice = t["{0} changed this task while you were reading it: it is now {1}. Your decision was not recorded; what you wrote is kept below.", by, t[Names.Of(Task.State)]];
                ModelState.Remove("Decision.Etag");
                Decision.Etag = Task.Etag;
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
            else
            {
                Notice = t["The decision was not recorded."];
                refusal.ShowOn(ModelState, DecisionForm.FieldOf);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }

            return Page();
        }

        TempData["Notice"] = (Decision.Decision switch
        {
            DecisionForm.Approve => t["Recorded: approved."],
            DecisionForm.Reject => t["Recorded: rejected."],
            DecisionForm.RequestChanges => t["Recorded: changes requested."],
            _ => t["Recorded: delivered."],
        }).Value;
        return RedirectToPage("Index");
    }

    private async Task DecideAsync(string name)
    {
        var call = broker.Call();
        var etag = Decision.Etag ?? "";
        var comment = Decision.Comment ?? "";
        switch (Decision.Decision)
        {
            case DecisionForm.Approve:
                await broker.Reviews.ApproveTaskAsync(new ApproveTaskRequest
                {
                    Name = name, Etag = etag, Comment = comment, Conditions = Decision.Conditions ?? "",
                }, call);
                break;
            case DecisionForm.Reject:
                await broker.Reviews.RejectTaskAsync(new RejectTaskRequest { Name = name, Etag = etag, Comment = comment }, call);
                break;
            case DecisionForm.RequestChanges:
                await broker.Reviews.RequestChangesAsync(new RequestChangesRequest { Name = name, Etag = etag, Comment = comment }, call);
                break;
            case DecisionForm.Deliver:
                await broker.Reviews.MarkDeliveredAsync(new MarkDeliveredRequest { Name = name, Etag = etag, Comment = comment }, call);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(Decision), Decision.Decision, "not a decision");
        }
    }

    private async Task LoadAsync(string application, string task)
    {
        Application = (await broker.Applications.GetApplicationAsync(
            new GetApplicationRequest { Name = $"applications/{application}" }, broker.Call())).Application;
        Task = Application.Tasks.FirstOrDefault(x => Names.Id(x.Name) == task)
            ?? throw new RpcException(new Status(RpcCode.NotFound, "no such task"));
        History = await ApplicationHistory.ReadAsync(broker, Application.Name);
    }
}
