using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using DataAccessBroker.Web.Display;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RpcCode = Grpc.Core.StatusCode;

namespace DataAccessBroker.Web.Pages.Applications;

/// <summary>
/// One application for its researcher: where it stands, who holds it since when and until when, each stage's tasks,
/// the history; submit a draft, go to the changes asked for, withdraw.
/// </summary>
public sealed class DetailsModel(BrokerApi broker, IStringLocalizer<SharedResource> t) : PageModel
{
    public Application Application { get; private set; } = null!;
    public IReadOnlyList<ApplicationEvent> History { get; private set; } = [];
    public string? Problem { get; private set; }

    public bool IsFinal => Application.State is Application.Types.State.Rejected or Application.Types.State.Withdrawn
        or Application.Types.State.Lapsed or Application.Types.State.Delivered;

    public async Task OnGetAsync(string id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostSubmitAsync(string id, string etag) =>
        await ActAsync(id, async () => await broker.Applications.SubmitApplicationAsync(
            new SubmitApplicationRequest { Name = Name(id), Etag = etag ?? "" }, broker.Call()), t["The application was submitted."]);

    public async Task<IActionResult> OnPostWithdrawAsync(string id, string etag, string? comment, bool confirm)
    {
        if (!confirm)
        {
            Problem = t["Tick the box to confirm the withdrawal. Nothing was done."];
            await LoadAsync(id);
            return Page();
        }

        return await ActAsync(id, async () => await broker.Applications.WithdrawApplicationAsync(
            new WithdrawApplicationRequest { Name = Name(id), Etag = etag ?? "", Comment = comment ?? "" }, broker.Call()),
            t["The application was withdrawn."]);
    }

    private async Task<IActionResult> ActAsync(string id, Func<Task> act, string done)
    {
        try
        {
            await act();
        }
        catch (RpcException e) when (e.StatusCode is RpcCode.InvalidArgument or RpcCode.FailedPrecondition or RpcCode.Aborted)
        {
            var refusal = BrokerRefusal.From(e);
            Problem = refusal.IsConcurrentChange
                ? t["The application changed since you opened this page. Here is its current state; nothing was done."]
                : string.Join(" ", new[] { refusal.Message }.Concat(refusal.Violations.Select(v => $"{v.Field}: {v.Description}")));
            Response.StatusCode = refusal.IsConcurrentChange ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(id);
            return Page();
        }

        TempData["Notice"] = done;
        return RedirectToPage("Details", new { id });
    }

    private async Task LoadAsync(string id)
    {
        Application = (await broker.Applications.GetApplicationAsync(new GetApplicationRequest { Name = Name(id) }, broker.Call())).Application;
        History = await ApplicationHistory.ReadAsync(broker, Application.Name);
    }

    private static string Name(string id) => $"applications/{id}";
}
