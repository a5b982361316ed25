using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>What every page of the portal must be, checked where a journey passes.</summary>
public static class PageChecks
{
    /// <summary>
    /// axe-core (WCAG 2.0/2.1 A and AA rules) finds nothing serious or critical, and nothing is wider than the screen
    /// (a phone must not scroll sideways).
    /// </summary>
    public static async Task AccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions
            {
                Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
            },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{page.Url}: {string.Join("; ", serious)}");

        var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("innerWidth"));
        Assert.True(scrollWidth <= innerWidth, $"{page.Url} is {scrollWidth} px wide on a {innerWidth} px screen");
    }

    /// <summary>The page's first heading, where each page says what it is.</summary>
    public static Task<string> HeadingAsync(IPage page) => page.Locator("h1").First.InnerTextAsync();
}
