using Microsoft.Playwright;

namespace DataAccessBroker.IntegrationTests;

/// <summary>
/// The system's Chromium (CI installs Debian's): Playwright's own browser download is not reachable from CI.
/// No sandbox: CI runs as root, where Chromium's sandbox refuses to start, and the pages are our own.
/// </summary>
public static class SystemChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path(), Headless = true, Args = ["--no-sandbox"],
        });

    private static string Path() =>
        new[] { Environment.GetEnvironmentVariable("DAB_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
        ?? throw new InvalidOperationException(
            "No Chromium for the browser tests: install Debian's (apt-get install chromium; .ci/run does) or set DAB_CHROMIUM.");
}
