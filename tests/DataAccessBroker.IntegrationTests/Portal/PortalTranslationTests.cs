using System.Globalization;
using System.Text.RegularExpressions;
using DataAccessBroker.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataAccessBroker.IntegrationTests.Portal;

/// <summary>
/// Every text the portal's pages and code put through the localizer (<c>T["…"]</c>, <c>t["…"]</c>) and every enum
/// label has its bokmål, read through the compiled satellite assembly as the running portal reads it.
/// </summary>
public sealed partial class PortalTranslationTests
{
    [Fact]
    public void Every_text_of_the_portal_has_its_bokmal()
    {
        var web = Path.Combine(BrokerProcess.RepositoryRoot(), "src", "DataAccessBroker.Web");
        var texts = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Localized().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups[1].Value)))
            .Concat(LabelTexts().Matches(File.ReadAllText(Path.Combine(web, "Display", "Names.cs"))).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(texts.Count > 200, $"only {texts.Count} texts found: the pattern no longer matches the pages");

        var localizer = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("nb");
            var untranslated = texts.Where(text => localizer[text].ResourceNotFound).Order().ToList();
            Assert.True(untranslated.Count == 0, "no bokmål for: " + string.Join(" | ", untranslated));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [GeneratedRegex("""\b[Tt]\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex Localized();

    [GeneratedRegex("""=> "([^"]+)",""")]
    private static partial Regex LabelTexts();
}
