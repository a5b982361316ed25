namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>Section <c>Node</c>: which broker node this is. Without it, a broker is Norway's.</summary>
public sealed class NodeOptions
{
    /// <summary>The node's code ("no", "dk", "fi" …): its sources' node, and the sender of its messages.</summary>
    public string Code { get; set; } = "no";

    /// <summary>The access body the node speaks for, e.g. "Helsedataservice".</summary>
    public string Name { get; set; } = "Helsedataservice";

    /// <summary>The country the node speaks for, as an ISO 3166-1 alpha-3 code ("NOR", "DNK", "FIN"): the catalogue's spatial coverage.</summary>
    public string Country { get; set; } = "NOR";

    /// <summary>Where researchers write about access: the published catalogue's contact point.</summary>
    public string ContactEmail { get; set; } = "";
}
