using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// The main flows with the keyboard alone: no click, no fill; Tab moves to each control (which must show where the
/// focus is), typing fills it, Space ticks, Enter submits. Sign-in at the issuer, a new application submitted, a
/// reviewer's decision recorded.
/// </summary>
public sealed class PortalKeyboardTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_researcher_signs_in_and_submits_and_a_reviewer_decides_with_the_keyboard_alone()
    {
        var ada = await portal.OpenAsync();
        await ada.GotoAsync("/Applications/Edit");
        await TabToAsync(ada, ada.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^ada\\b") }));
        await ada.Keyboard.PressAsync("Enter");
        await ada.WaitForURLAsync($"{portal.Address}/Applications/Edit");

        // The skip link comes first and takes the focus past the menu.
        await ada.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await ada.EvaluateAsync<string>("document.activeElement.textContent"));

        await TypeIntoAsync(ada, ada.GetByLabel("Title", new() { Exact = true }), "Keyboard only");
        await TypeIntoAsync(ada, ada.GetByLabel("Summary for the reviewers"), "Typed without a mouse");
        await TabToAsync(ada, ada.GetByLabel("Purpose"));
        await ada.Keyboard.PressAsync("ArrowDown");
        await ada.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("QualityImprovement", await ada.GetByLabel("Purpose").InputValueAsync());
        // Day and month alike, so the date reads the same in the browser's day-month and month-day orders.
        await TypeIntoAsync(ada, ada.GetByLabel("Project start"), "01012027");
        await TypeIntoAsync(ada, ada.GetByLabel("Project end"), "12122029");
        await TypeIntoAsync(ada, ada.GetByLabel("Name", new() { Exact = true }), "Ada Forsker");
        await TypeIntoAsync(ada, ada.GetByLabel("E-mail"), "ada@uio.no");
        await TypeIntoAsync(ada, ada.GetByLabel("Institution"), "University of Oslo");
        var npr = ada.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Norsk pasientregister") });
        await TabToAsync(ada, npr);
        await ada.Keyboard.PressAsync("Space");
        Assert.True(await npr.IsCheckedAsync());
        var block = ada.Locator(".source").Filter(new() { Has = npr });
        await TypeIntoAsync(ada, block.GetByLabel("Variables, one per line"), "contact_date");
        await TypeIntoAsync(ada, block.GetByLabel("Which persons, period and conditions"), "Contacts 2015-2024");
        await TypeIntoAsync(ada, ada.GetByLabel("Legal basis for processing"), "Helseregisterloven § 19 a");
        await TabToAsync(ada, ada.GetByRole(AriaRole.Button, new() { Name = "Save and submit" }));
        await ada.Keyboard.PressAsync("Enter");
        await ada.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Applications/Details/"));
        Assert.Contains("Data-owner review", await ada.Locator(".lead").InnerTextAsync());

        var nils = await portal.OpenAsync();
        await nils.GotoAsync("/Review");
        await TabToAsync(nils, nils.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^nils\\b") }));
        await nils.Keyboard.PressAsync("Enter");
        await nils.WaitForURLAsync($"{portal.Address}/Review");
        await TabToAsync(nils, nils.GetByRole(AriaRole.Link, new() { Name = "Keyboard only" }));
        await nils.Keyboard.PressAsync("Enter");
        await Assertions.Expect(nils.Locator("h1")).ToHaveTextAsync("Keyboard only");
        await TabToAsync(nils, nils.GetByRole(AriaRole.Radio, new() { Name = "Approve" }));
        await nils.Keyboard.PressAsync("Space");
        await TypeIntoAsync(nils, nils.GetByLabel("Comment", new() { Exact = true }), "Fine");
        await TabToAsync(nils, nils.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }));
        await nils.Keyboard.PressAsync("Enter");
        await Assertions.Expect(nils.Locator(".notice")).ToContainTextAsync("Recorded: approved");
    }

    private static async Task TypeIntoAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Presses Tab until the control has the focus, and checks that the focus can be seen there.</summary>
    private static async Task TabToAsync(IPage page, ILocator control)
    {
        for (var presses = 0; presses < 300; presses++)
        {
            if (await control.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                var visible = await control.EvaluateAsync<bool>(
                    "e => { const s = getComputedStyle(e); return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }");
                Assert.True(visible, $"the focus on {await control.EvaluateAsync<string>("e => e.outerHTML.slice(0, 80)")} cannot be seen");
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {control}");
    }
}
