using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static DataAccessBroker.IntegrationTests.Portal.PageChecks;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// The whole lifecycle clicked through in the browser, each person in their own browser context: Ada applies (on a
/// phone), REK approves, two Kreftregisteret reviewers collide on one task (the etag), NPR asks for changes, Ada
/// answers, NPR approves, HDS approves with conditions, both registries deliver. axe-core runs on every page.
/// </summary>
public sealed class PortalJourneyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task An_application_goes_from_submission_to_delivery_in_the_browser()
    {
        var ada = await portal.SignInAsync("ada", width: 390);
        Assert.Equal("My applications", await HeadingAsync(ada));
        await AccessibleAsync(ada);

        // A first submit without a title: the broker refuses, the draft is saved, the field says why.
        await ada.GetByRole(AriaRole.Link, new() { Name = "New application" }).First.ClickAsync();
        await AccessibleAsync(ada);
        await FillApplicationAsync(ada, title: "");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Save and submit" }).ClickAsync();
        await Assertions.Expect(ada.Locator(".error-summary")).ToBeVisibleAsync();
        Assert.Equal("true", await ada.GetByLabel("Title", new() { Exact = true }).GetAttributeAsync("aria-invalid"));
        Assert.Contains("Saved as a draft, but not submitted", await ada.Locator(".notice").First.InnerTextAsync());
        await AccessibleAsync(ada);

        await ada.GetByLabel("Title", new() { Exact = true }).FillAsync("Cancer after antibiotics in childhood");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Save and submit" }).ClickAsync();
        await Assertions.Expect(ada.Locator("h1")).ToHaveTextAsync("Cancer after antibiotics in childhood");
        await Assertions.Expect(ada.Locator(".lead")).ToContainTextAsync("REK review");
        await AccessibleAsync(ada);
        var applicationPath = new Uri(ada.Url).AbsolutePath;

        var rita = await portal.SignInAsync("rita");
        Assert.StartsWith("Work queue", await HeadingAsync(rita));
        await AccessibleAsync(rita);
        await DecideAsync(rita, "Cancer after antibiotics in childhood", "Approve", "Ethically sound");

        // Two reviewers of Kreftregisteret open the same task; Kim decides first, Kari's stale decision is refused.
        var kari = await portal.SignInAsync("kari");
        var kim = await portal.SignInAsync("kim");
        await OpenTaskAsync(kari, "Cancer after antibiotics in childhood");
        await OpenTaskAsync(kim, "Cancer after antibiotics in childhood");
        await ChooseAsync(kim, "Approve", "Variables justified");
        await Assertions.Expect(kim.Locator(".notice")).ToContainTextAsync("Recorded: approved");
        await ChooseAsync(kari, "Ask the applicant for changes", "Drop the postcode");
        await Assertions.Expect(kari.Locator(".notice")).ToContainTextAsync("kim changed this task while you were reading it: it is now Approved");
        Assert.Equal("Drop the postcode", await kari.GetByLabel("Your comment (not recorded)").InputValueAsync());
        await AccessibleAsync(kari);

        var nils = await portal.SignInAsync("nils");
        await DecideAsync(nils, "Cancer after antibiotics in childhood", "Ask the applicant for changes", "Limit contacts to 2010-2024");

        await ada.GotoAsync(applicationPath);
        await Assertions.Expect(ada.Locator(".lead")).ToContainTextAsync("Awaiting the applicant");
        await ada.GetByRole(AriaRole.Link, new() { Name = "Answer the request for changes" }).ClickAsync();
        await Assertions.Expect(ada.GetByText("Limit contacts to 2010-2024")).ToBeVisibleAsync();
        await AccessibleAsync(ada);
        await Source(ada, "Norsk pasientregister").GetByLabel("Which persons, period and conditions").FillAsync("Contacts 2010-2024");
        await ada.GetByLabel("Comment to the reviewers").FillAsync("NPR period narrowed");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Save and resubmit" }).ClickAsync();
        await Assertions.Expect(ada.Locator(".lead")).ToContainTextAsync("Data-owner review");

        await DecideAsync(nils, "Cancer after antibiotics in childhood", "Approve", "");
        var hanne = await portal.SignInAsync("hanne");
        await OpenTaskAsync(hanne, "Cancer after antibiotics in childhood");
        await hanne.GetByLabel("Conditions of the approval").FillAsync("Analysis only inside TSD");
        await ChooseAsync(hanne, "Approve", "Approved");
        await DecideAsync(kari, "Cancer after antibiotics in childhood", "The data have been delivered", "Delivered to TSD p1234");
        await DecideAsync(nils, "Cancer after antibiotics in childhood", "The data have been delivered", "Delivered to TSD p1234");

        await ada.GotoAsync(applicationPath);
        await Assertions.Expect(ada.Locator(".lead")).ToContainTextAsync("Delivered");
        await Assertions.Expect(ada.Locator("#history-heading + .table-scroll")).ToContainTextAsync("NPR period narrowed");
        await Assertions.Expect(ada.Locator(".prose").Filter(new() { HasText = "Analysis only inside TSD" }).First).ToBeVisibleAsync();
        await AccessibleAsync(ada);
    }

    private static async Task FillApplicationAsync(IPage page, string title)
    {
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Summary for the reviewers").FillAsync("Does antibiotic use in childhood change cancer risk?");
        await page.GetByLabel("Purpose").SelectOptionAsync(new SelectOptionValue { Label = "Health research" });
        await page.GetByLabel("Project start").FillAsync("2027-01-01");
        await page.GetByLabel("Project end").FillAsync("2030-12-31");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Ada Forsker");
        await page.GetByLabel("E-mail").FillAsync("ada@uio.no");
        await page.GetByLabel("Institution").FillAsync("University of Oslo");
        await page.GetByLabel("REK committee").SelectOptionAsync("rek-sor-ost-a");
        await page.GetByLabel("Legal basis for processing").FillAsync("GDPR art. 6(1)(e) and 9(2)(j); helseregisterloven § 19 a");
        foreach (var (source, variables, cohort) in new[]
                 {
                     ("Kreftregisteret", "diagnosis_date\nicd10", "Cancer cases 2000-2024"),
                     ("Norsk pasientregister", "contact_date\nicd10", "Contacts 2008-2024"),
                 })
        {
            await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^{source}") }).CheckAsync();
            var block = Source(page, source);
            await block.GetByLabel("Variables, one per line").FillAsync(variables);
            await block.GetByLabel("Which persons, period and conditions").FillAsync(cohort);
        }
    }

    /// <summary>A catalog source's part of the form: its checkbox and, once ticked, its fields.</summary>
    private static ILocator Source(IPage page, string name) =>
        page.Locator(".source").Filter(new() { Has = page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex($"^{name}") }) });

    private static async Task OpenTaskAsync(IPage page, string title)
    {
        await page.GotoAsync("/Review");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await AccessibleAsync(page);
    }

    private static async Task ChooseAsync(IPage page, string decision, string comment)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = decision }).CheckAsync();
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
    }

    private static async Task DecideAsync(IPage page, string title, string decision, string comment)
    {
        await OpenTaskAsync(page, title);
        await ChooseAsync(page, decision, comment);
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Recorded:");
        await AccessibleAsync(page);
    }
}
