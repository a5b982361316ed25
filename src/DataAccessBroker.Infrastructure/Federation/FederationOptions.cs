using System.Text.RegularExpressions;

namespace DataAccessBroker.Infrastructure.Federation;

/// <summary>Section <c>Federation</c>: this node's peers and how it keeps in step with them.</summary>
public sealed class FederationOptions
{
    public List<PeerOptions> Peers { get; set; } = [];

    /// <summary>How often each peer's catalog is mirrored.</summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A mirror older than this is stale: its sources show, marked, and cannot be applied for.</summary>
    public TimeSpan CatalogStaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The pause between two passes of the message dispatcher.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The committee that reviews forwarded parts here for ethics; empty (the default): a forwarded part brings the
    /// ethics approval of its home node and needs none here.
    /// </summary>
    public string EthicsCommitteeForForwarded { get; set; } = "";

    public PeerOptions? Peer(string code) => Peers.FirstOrDefault(p => p.Code == code);

    /// <summary>What is wrong with the configuration, for the broker to refuse to start with.</summary>
    public IReadOnlyList<string> Problems(NodeOptions node)
    {
        var problems = new List<string>();
        if (!NodeCode.IsMatch(node.Code)) problems.Add($"Node:Code '{node.Code}' must be 2–16 characters of a–z, 0–9 and '-'");
        foreach (var peer in Peers)
        {
            var name = $"Federation:Peers '{peer.Code}'";
            if (!NodeCode.IsMatch(peer.Code)) problems.Add($"{name}: the code must be 2–16 characters of a–z, 0–9 and '-'");
            if (peer.Code == node.Code) problems.Add($"{name}: a node is not its own peer");
            if (Peers.Count(p => p.Code == peer.Code) > 1) problems.Add($"{name}: listed twice");
            if (!Uri.TryCreate(peer.Address, UriKind.Absolute, out _)) problems.Add($"{name}: Address must be an absolute URL");
            if (!Uri.TryCreate(peer.Issuer, UriKind.Absolute, out _)) problems.Add($"{name}: Issuer must be an absolute URL");
        }

        if (CatalogRefresh <= TimeSpan.Zero || DispatchInterval <= TimeSpan.Zero)
        {
            problems.Add("Federation:CatalogRefresh and DispatchInterval must be positive");
        }

        return problems.Distinct().ToList();
    }

    private static readonly Regex NodeCode = new("^[a-z][a-z0-9-]{1,15}$", RegexOptions.Compiled);
}
