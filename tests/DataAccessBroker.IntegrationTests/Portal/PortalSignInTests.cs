using System.Web;
using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// Signing in is the OpenID Connect code flow with PKCE against the development issuer, end to end in the browser;
/// an ended session sends the user to sign in again without losing the form; sign-out ends both sessions; the
/// language follows the browser and the switch; a user without a portal role is told so.
/// </summary>
public sealed class PortalSignInTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Sign_in_is_the_code_flow_with_pkce_through_the_issuers_page()
    {
        var page = await portal.OpenAsync();
        var authorize = "";
        page.Request += (_, request) => { if (request.Url.Contains("/authorize?")) authorize = request.Url; };
        var token = portal.Broker.IssuerAddress + "/token";
        var tokenRequests = 0;
        page.Request += (_, request) => { if (request.Url == token) tokenRequests++; };

        await page.GotoAsync("/Applications");
        Assert.StartsWith(portal.Broker.IssuerAddress + "/authorize?", page.Url);
        var query = HttpUtility.ParseQueryString(new Uri(authorize).Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"]!.Length);
        Assert.Equal("dab-portal", query["client_id"]);
        Assert.Contains("openid", query["scope"]!.Split(' '));
        await PageChecks.AccessibleAsync(page);

        await portal.PickUserAsync(page, "ada");
        Assert.Equal("/Applications", new Uri(page.Url).AbsolutePath);
        Assert.Contains("ada", await page.Locator(".account__who").InnerTextAsync());
        // The code was redeemed by the portal's server, never by the browser.
        Assert.Equal(0, tokenRequests);
    }

    [Fact]
    public async Task An_ended_session_sends_the_user_to_sign_in_and_keeps_the_unsaved_form()
    {
        var ada = await portal.SignInAsync("ada");
        await ada.GotoAsync("/Applications/Edit");
        await ada.GetByLabel("Title", new() { Exact = true }).FillAsync("Typed before the session ended");
        await ada.GetByLabel("Summary for the reviewers").FillAsync("Nothing of this may be lost");

        await ada.Context.ClearCookiesAsync();
        await ada.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        Assert.StartsWith(portal.Broker.IssuerAddress + "/authorize?", ada.Url);
        await portal.PickUserAsync(ada, "ada");

        Assert.Equal("/Applications/Edit", new Uri(ada.Url).AbsolutePath);
        Assert.Equal("Typed before the session ended", await ada.GetByLabel("Title", new() { Exact = true }).InputValueAsync());
        Assert.Equal("Nothing of this may be lost", await ada.GetByLabel("Summary for the reviewers").InputValueAsync());
        await Assertions.Expect(ada.Locator(".notice").First).ToContainTextAsync("nothing has been saved yet");

        // Nothing was saved on the way; the kept form is given back once.
        await ada.GotoAsync("/Applications");
        Assert.DoesNotContain("Typed before the session ended", await ada.ContentAsync());
        await ada.GotoAsync("/Applications/Edit");
        Assert.Equal("", await ada.GetByLabel("Title", new() { Exact = true }).InputValueAsync());
    }

    [Fact]
    public async Task Sign_out_ends_the_session_and_says_so()
    {
        var ada = await portal.SignInAsync("ada");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await ada.WaitForURLAsync($"{portal.Address}/Account/SignedOut");
        Assert.Equal("You are signed out", await PageChecks.HeadingAsync(ada));
        await PageChecks.AccessibleAsync(ada);

        await ada.GotoAsync("/Applications");
        Assert.StartsWith(portal.Broker.IssuerAddress + "/authorize?", ada.Url);
    }

    [Fact]
    public async Task The_portal_speaks_the_browsers_language_until_the_user_switches()
    {
        var ada = await portal.SignInAsync("ada", locale: "nb-NO");
        Assert.Equal("Mine søknader", await PageChecks.HeadingAsync(ada));
        Assert.Equal("nb", await ada.Locator("html").GetAttributeAsync("lang"));
        await PageChecks.AccessibleAsync(ada);

        await ada.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Equal("My applications", await PageChecks.HeadingAsync(ada));
        Assert.Equal("en", await ada.Locator("html").GetAttributeAsync("lang"));
        await ada.GotoAsync("/Applications/Edit");
        Assert.Equal("New application", await PageChecks.HeadingAsync(ada));
    }

    [Fact]
    public async Task A_user_without_a_portal_role_is_told_so()
    {
        var olga = await portal.SignInAsync("olga");
        Assert.Equal("/Account/NoRole", new Uri(olga.Url).AbsolutePath);
        Assert.Equal("No access yet", await PageChecks.HeadingAsync(olga));
        Assert.Equal(0, await olga.Locator("nav.main-nav a").CountAsync());
    }
}
