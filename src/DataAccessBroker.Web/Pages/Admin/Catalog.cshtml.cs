using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Web.Broker;
using DataAccessBroker.Web.Forms;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RpcCode = Grpc.Core.StatusCode;

namespace DataAccessBroker.Web.Pages.Admin;

/// <summary>The catalog: this node's registries and the mirrored ones of its peers, the REK committees; add either.</summary>
public sealed class CatalogModel(BrokerApi broker, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public DataSourceForm NewSource { get; set; } = new();
    [BindProperty] public RekCommitteeForm NewCommittee { get; set; } = new();

    public ListDataSourcesResponse Sources { get; private set; } = new();
    public IReadOnlyList<RekCommittee> Committees { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSourceAsync() =>
        await CreateAsync("NewSource", async () => await broker.Catalog.CreateDataSourceAsync(
            new CreateDataSourceRequest { DataSource = NewSource.ToDataSource() }, broker.Call()), t["The data source was added."]);

    public async Task<IActionResult> OnPostCommitteeAsync() =>
        await CreateAsync("NewCommittee", async () => await broker.Catalog.CreateRekCommitteeAsync(
            new CreateRekCommitteeRequest { RekCommittee = NewCommittee.ToRekCommittee() }, broker.Call()), t["The REK committee was added."]);

    private async Task<IActionResult> CreateAsync(string form, Func<Task> create, string done)
    {
        try
        {
            await create();
        }
        catch (RpcException e) when (e.StatusCode is RpcCode.InvalidArgument or RpcCode.AlreadyExists or RpcCode.FailedPrecondition)
        {
            var refusal = BrokerRefusal.From(e);
            refusal.ShowOn(ModelState, field => FieldOf(form, field));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = done;
        return RedirectToPage();
    }

    /// <summary><c>data_source.display_name</c> → <c>NewSource.DisplayName</c>.</summary>
    private static string FieldOf(string form, string path)
    {
        var leaf = path[(path.LastIndexOf('.') + 1)..];
        return $"{form}.{string.Concat(leaf.Split('_').Select(w => w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w))}";
    }

    private async Task LoadAsync()
    {
        Sources = await broker.Catalog.ListDataSourcesAsync(new ListDataSourcesRequest(), broker.Call());
        Committees = (await broker.Catalog.ListRekCommitteesAsync(new ListRekCommitteesRequest(), broker.Call())).RekCommittees;
    }
}
