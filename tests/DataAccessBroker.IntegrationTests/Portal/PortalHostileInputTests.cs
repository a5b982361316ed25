using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// What a hostile or broken client can post to the portal (NUL characters, invalid UTF-8, a huge value, thousands of
/// fields, a purpose or a date that does not exist) is answered with a refusal (4xx), never a 500, and saves nothing.
/// </summary>
public sealed class PortalHostileInputTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    public static TheoryData<string, string> Posts => new()
    {
        { "NUL in the title", "Form.Title=Evil%00title&action=save" },
        { "a huge summary", "Form.Title=Huge&Form.Summary=" + new string('x', 300_000) + "&action=save" },
        { "thousands of fields", "action=save&" + string.Join("&", Enumerable.Range(0, 5000).Select(i => $"f{i}=x")) },
        { "a purpose that does not exist", "Form.Title=Odd&Form.Purpose=999&action=save" },
        { "a date that is not one", "Form.Title=Dated&Form.StartDate=2027-02-30&action=save" },
        // Invalid UTF-8 in the percent-encoding ASP.NET Core leaves undecoded (literal text); as raw bytes it decodes
        // to U+FFFD, which is refused.
        { "invalid UTF-8 decoded to U+FFFD", "Form.Title=%EF%BF%BD&action=save" },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task A_hostile_form_is_refused_clearly_and_saves_nothing(string what, string body)
    {
        var ada = await portal.SignInAsync("ada");
        await ada.GotoAsync("/Applications/Edit");
        var token = await ada.Locator("form.application-form input[name='__RequestVerificationToken']").InputValueAsync();
        var before = await CountAsync(ada);

        var response = await ada.Context.APIRequest.PostAsync($"{portal.Address}/Applications/Edit", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string>
            {
                ["Content-Type"] = "application/x-www-form-urlencoded",
                ["Origin"] = portal.Address,
            },
            Data = $"__RequestVerificationToken={Uri.EscapeDataString(token)}&{body}",
        });

        Assert.True(response.Status is >= 400 and < 500, $"{what}: HTTP {response.Status}");
        Assert.Equal(before, await CountAsync(ada));
    }

    private static async Task<int> CountAsync(IPage page)
    {
        await page.GotoAsync("/Applications");
        return await page.Locator("tbody tr").CountAsync();
    }
}
