using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// Each role sees its own menu and pages only (an address typed by hand answers 403, or 404 for what the broker
/// hides), every form needs its antiforgery token, every answer carries the security headers, and no page has inline
/// script or style.
/// </summary>
public sealed class PortalSecurityTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    public static TheoryData<string, string, string[]> Menus => new()
    {
        { "ada", "/Applications", ["My applications"] },
        { "rita", "/Review", ["Work queue"] },
        { "anders", "/Statistics", ["Statistics"] },
        { "admin", "/Admin/Catalog", ["Catalog", "SLA and notifications", "Jobs"] },
    };

    [Theory]
    [MemberData(nameof(Menus))]
    public async Task Each_role_sees_its_own_menu_and_no_other_area(string user, string home, string[] menu)
    {
        var page = await portal.SignInAsync(user);
        Assert.Equal(home, new Uri(page.Url).AbsolutePath);
        var links = await page.Locator("nav.main-nav a").AllInnerTextsAsync();
        Assert.Equal(menu, links);

        foreach (var area in new[] { "/Applications", "/Applications/Edit", "/Review", "/Statistics", "/Admin/Catalog", "/Admin/Sla", "/Admin/Jobs" })
        {
            if (area.Split('/')[1] == home.Split('/')[1]) continue;
            var response = await page.GotoAsync(area);
            Assert.True(response!.Status == 403, $"{user} opening {area}: {response.Status}");
            Assert.Equal("Not available to your role", await PageChecks.HeadingAsync(page));
        }
    }

    [Fact]
    public async Task A_reviewer_cannot_open_a_task_of_another_organisation()
    {
        var scenario = new Scenario(portal.Broker);
        var application = await scenario.GetAsync(await scenario.SubmittedToDataOwnerAsync("npr"));
        var task = application.Tasks.Single(t => t.Organisation == "npr");

        var kari = await portal.SignInAsync("kari");
        var response = await kari.GotoAsync($"/Review/Decide/{Id(task.Application)}/{Id(task.Name)}");
        Assert.Equal(404, response!.Status);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var ada = await portal.SignInAsync("ada");
        var before = await ada.GotoAsync("/Applications");
        var count = await ada.Locator("tbody tr").CountAsync();

        var response = await ada.Context.APIRequest.PostAsync($"{portal.Address}/Applications/Edit", new APIRequestContextOptions
        {
            Form = ada.Context.APIRequest.CreateFormData().Set("Form.Title", "Forged").Set("action", "save"),
            Headers = new Dictionary<string, string> { ["Origin"] = portal.Address },
        });
        Assert.Equal(400, response.Status);
        await ada.GotoAsync("/Applications");
        Assert.Equal(count, await ada.Locator("tbody tr").CountAsync());
        Assert.DoesNotContain("Forged", await ada.ContentAsync());
        Assert.Equal(200, before!.Status);
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers_and_no_inline_script_or_style()
    {
        var ada = await portal.SignInAsync("ada");
        foreach (var path in new[] { "/Applications", "/Applications/Edit", "/Review", "/Account/SignedOut" })
        {
            var response = await ada.GotoAsync(path);
            var headers = await response!.AllHeadersAsync();
            var csp = headers["content-security-policy"];
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("style-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Equal("nosniff", headers["x-content-type-options"]);
            Assert.Equal(0, await ada.Locator("script:not([src])").CountAsync());
            Assert.Equal(0, await ada.Locator("[style]").CountAsync());
            Assert.Equal(0, await ada.Locator("style").CountAsync());
        }

        var cookies = await ada.Context.CookiesAsync();
        var session = cookies.Where(c => c.Name.StartsWith("dab.session", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        Assert.All(session, c => Assert.True(c.Secure && c.HttpOnly && c.SameSite == SameSiteAttribute.Lax, $"{c.Name}: {c.Secure} {c.HttpOnly} {c.SameSite}"));
        var antiforgery = Assert.Single(cookies, c => c.Name == "dab.antiforgery");
        Assert.True(antiforgery.HttpOnly && antiforgery.SameSite == SameSiteAttribute.Strict);
    }

    private static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];
}
