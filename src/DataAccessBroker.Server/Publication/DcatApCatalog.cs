using System.Text.Json.Nodes;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Infrastructure.Federation;

namespace DataAccessBroker.Server.Publication;

/// <summary>
/// This node's own data sources as a DCAT-AP catalogue in JSON-LD, with the HealthDCAT-AP properties that apply, for
/// national and European catalogues (the HealthData@EU metadata catalogue) to harvest: each source a non-public
/// dataset with its title, description, publisher (the data holder), access rights, contact point and the health
/// data access body that decides on access (this node). Mirrored sources of other nodes are theirs to publish.
/// </summary>
public static class DcatApCatalog
{
    public const string Path = "/catalog.jsonld";
    public const string MediaType = "application/ld+json";
    private const string NonPublic = "http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC";
    private const string Countries = "http://publications.europa.eu/resource/authority/country/";

    /// <param name="baseUri">Where the catalogue is published: the identifiers of its resources hang below it.</param>
    public static JsonObject Build(NodeOptions node, IEnumerable<DataSource> sources, Uri baseUri)
    {
        var catalogId = new Uri(baseUri, Path).ToString();
        var accessBody = Agent($"{catalogId}#access-body", node.Name, node.ContactEmail);
        var datasets = new JsonArray();
        foreach (var source in sources.Where(s => s.Node == node.Code))
        {
            var dataset = new JsonObject
            {
                ["@id"] = $"{catalogId}#{source.Code}",
                ["@type"] = "dcat:Dataset",
                ["dct:identifier"] = source.Code,
                ["dct:title"] = Text(source.Name),
                ["dct:description"] = Text(
                    $"{source.Name}, held by {source.OwnerName}. Access for secondary use is applied for through " +
                    $"{node.Name}, which forwards the parts of cross-border applications to the nodes concerned."),
                ["dct:publisher"] = Agent($"{catalogId}#holder-{source.Organisation}", source.OwnerName, null),
                ["dct:accessRights"] = new JsonObject { ["@id"] = NonPublic },
                ["dcat:contactPoint"] = ContactPoint(node),
                ["healthdcatap:hdab"] = accessBody.DeepClone(),
            };
            if (node.Country.Length > 0) dataset["dct:spatial"] = new JsonObject { ["@id"] = Countries + node.Country };
            datasets.Add(dataset);
        }

        return new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
                ["healthdcatap"] = "http://healthdataportal.eu/ns/health#",
            },
            ["@id"] = catalogId,
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = Text($"{node.Name}: data sources ({node.Code})"),
            ["dct:description"] = Text($"The health registers whose data access {node.Name} decides on."),
            ["dct:publisher"] = accessBody,
            ["dcat:dataset"] = datasets,
        };
    }

    private static JsonObject Text(string value) => new() { ["@value"] = value, ["@language"] = "en" };

    private static JsonObject Agent(string id, string name, string? email)
    {
        var agent = new JsonObject { ["@id"] = id, ["@type"] = "foaf:Agent", ["foaf:name"] = name };
        if (!string.IsNullOrEmpty(email)) agent["foaf:mbox"] = new JsonObject { ["@id"] = $"mailto:{email}" };
        return agent;
    }

    private static JsonObject ContactPoint(NodeOptions node)
    {
        var contact = new JsonObject { ["@type"] = "vcard:Kind", ["vcard:fn"] = node.Name };
        if (node.ContactEmail.Length > 0) contact["vcard:hasEmail"] = new JsonObject { ["@id"] = $"mailto:{node.ContactEmail}" };
        return contact;
    }
}
