using System.Xml;
using System.Xml.Linq;

namespace DataAccessBroker.IntegrationTests;

/// <summary>The HTML report parsed as XML (it is XHTML-compatible), read the way a person reads it: by headings and labels.</summary>
public sealed class ReportDocument
{
    private readonly XDocument _document;

    public ReportDocument(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        _document = XDocument.Load(reader); // throws unless well-formed
    }

    public string Title => Elements("title").First().Value;

    public XElement ById(string id) =>
        _document.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id)
        ?? throw new Xunit.Sdk.XunitException($"the report has no element with id '{id}'");

    public bool Has(string id) => _document.Descendants().Any(e => (string?)e.Attribute("id") == id);

    /// <summary>The first table under the element: one dictionary per row, from column heading to cell text.</summary>
    public static List<Dictionary<string, string>> Table(XElement container)
    {
        var table = container.Descendants().First(e => e.Name.LocalName == "table");
        var headers = table.Descendants().Where(e => e.Name.LocalName == "th").Select(e => e.Value).ToList();
        return table.Descendants().Where(e => e.Name.LocalName == "tr" && e.Elements().All(c => c.Name.LocalName == "td"))
            .Select(row => row.Elements().Select((cell, i) => (headers[i], cell.Value)).ToDictionary(c => c.Item1, c => c.Item2))
            .ToList();
    }

    /// <summary>The row of a table whose first column reads <paramref name="label"/>.</summary>
    public static Dictionary<string, string> Row(List<Dictionary<string, string>> table, string label) =>
        table.SingleOrDefault(r => r.Values.First() == label)
        ?? throw new Xunit.Sdk.XunitException($"no row '{label}' among {string.Join(", ", table.Select(r => r.Values.First()))}");

    public static IEnumerable<XElement> Descendants(XElement element, string name) =>
        element.Descendants().Where(e => e.Name.LocalName == name);

    public IEnumerable<XElement> Elements(string name) => _document.Descendants().Where(e => e.Name.LocalName == name);

    /// <summary>Every element that carries the attribute.</summary>
    public IEnumerable<XElement> WithAttribute(string name) => _document.Descendants().Where(e => e.Attribute(name) is not null);
}
