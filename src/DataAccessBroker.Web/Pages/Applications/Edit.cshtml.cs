using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using DataAccessBroker.Web.Forms;
using DataAccessBroker.Web.Sessions;
using Grpc.Core;
using RpcCode = Grpc.Core.StatusCode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DataAccessBroker.Web.Pages.Applications;

/// <summary>
/// A new application, or a draft or returned application edited: save as a draft, submit, or (when changes were
/// requested) resubmit with a comment. The broker checks everything; its field violations appear next to the fields.
/// </summary>
public sealed class EditModel(BrokerApi broker, UnsavedForms unsaved, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public ApplicationForm Form { get; set; } = new();

    public string? Id { get; private set; }
    public Application? Current { get; private set; }
    public Catalog Catalog { get; private set; } = null!;
    public string? Notice { get; private set; }
    public bool Refused { get; private set; }

    public bool AwaitsChanges => Current?.State == Application.Types.State.AwaitingApplicant;

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        Id = id;
        Catalog = await Catalog.ReadAsync(broker);
        if (id is not null)
        {
            Current = await GetAsync(id);
            if (!Editable(Current)) return RedirectToPage("Details", new { id });
        }

        Form = Current is null ? ApplicationForm.Empty(Catalog.Sources) : ApplicationForm.From(Current, Catalog.Sources);
        var kept = await unsaved.TakeAsync(HttpContext);
        if (kept is not null) await RestoreAsync(kept);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, string action)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            // Only what cannot even be read as the form's fields (a purpose that does not exist, a date that is not one).
            Notice = t["Nothing was saved."];
            Refused = true;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await RedisplayAsync();
        }

        Application saved;
        try
        {
            saved = id is null
                ? (await broker.Applications.CreateApplicationAsync(new CreateApplicationRequest
                {
                    Application = Form.ToApplication(""), RequestId = Form.RequestId ?? "",
                }, broker.Call())).Application
                : (await broker.Applications.UpdateApplicationAsync(new UpdateApplicationRequest
                {
                    Application = Form.ToApplication($"applications/{id}"),
                    UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { ApplicationForm.UpdateMask } },
                }, broker.Call())).Application;
        }
        catch (RpcException e) when (e.StatusCode is RpcCode.InvalidArgument or RpcCode.FailedPrecondition or RpcCode.Aborted)
        {
            return await RefuseAsync(BrokerRefusal.From(e), t["Nothing was saved."]);
        }

        var savedId = Display.Names.Id(saved.Name);
        try
        {
            switch (action)
            {
                case "submit":
                    await broker.Applications.SubmitApplicationAsync(
                        new SubmitApplicationRequest { Name = saved.Name, Etag = saved.Etag }, broker.Call());
                    TempData["Notice"] = t["The application was submitted."].Value;
                    break;
                case "resubmit":
                    await broker.Applications.ResubmitApplicationAsync(
                        new ResubmitApplicationRequest { Name = saved.Name, Etag = saved.Etag, Comment = Form.Comment ?? "" }, broker.Call());
                    TempData["Notice"] = t["The application was resubmitted."].Value;
                    break;
                default:
                    TempData["Notice"] = t["The draft was saved."].Value;
                    break;
            }
        }
        catch (RpcException e) when (e.StatusCode is RpcCode.InvalidArgument or RpcCode.FailedPrecondition or RpcCode.Aborted)
        {
            // Saved, not sent on: the form goes on from the saved version, with what the broker still needs.
            Id = savedId;
            Current = saved;
            // The form now edits the saved draft: its version, and no second create (fields render from ModelState).
            Form.Etag = saved.Etag;
            Form.RequestId = "";
            ModelState.Remove("Form.Etag");
            ModelState.Remove("Form.RequestId");
            return await RefuseAsync(BrokerRefusal.From(e), action == "resubmit"
                ? t["Your changes were saved, but the application was not resubmitted."]
                : t["Saved as a draft, but not submitted."]);
        }

        return RedirectToPage("Details", new { id = savedId });
    }

    private async Task<IActionResult> RefuseAsync(BrokerRefusal refusal, string what)
    {
        Refused = true;
        Notice = refusal.IsConcurrentChange
            ? $"{what} {t["The application was changed elsewhere (another tab or window) since you opened it. Open it again to see the current version; what you typed is still below."]}"
            : what;
        refusal.ShowOn(ModelState, Form.FieldOf);
        Response.StatusCode = refusal.IsConcurrentChange ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return await RedisplayAsync();
    }

    /// <summary>
    /// The form again, with what the page shows around it: read only when the form is shown again, never on the way
    /// to a successful save.
    /// </summary>
    private async Task<IActionResult> RedisplayAsync()
    {
        Catalog = await Catalog.ReadAsync(broker);
        if (Id is not null) Current ??= await GetAsync(Id);
        return Page();
    }

    /// <summary>The form as the user left it when the session ended, unsaved, with a note saying so.</summary>
    private async Task RestoreAsync(UnsavedForm kept)
    {
        if (kept.WasLost)
        {
            Notice = t["Your session ended before your last changes were saved, and they could not be kept. Nothing was saved."];
            Refused = true;
            return;
        }

        await TryUpdateModelAsync(Form, "Form", kept.Values());
        Notice = t["Your session ended before your changes were saved. You have signed in again and they are below: nothing has been saved yet. Check them and save again."];
    }

    private static bool Editable(Application application) =>
        application.State is Application.Types.State.Draft or Application.Types.State.AwaitingApplicant;

    private async Task<Application> GetAsync(string id) =>
        (await broker.Applications.GetApplicationAsync(new GetApplicationRequest { Name = $"applications/{id}" }, broker.Call())).Application;
}
