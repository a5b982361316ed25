using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Web.Forms;

/// <summary>A REK committee an admin adds to the catalog.</summary>
public sealed class RekCommitteeForm
{
    public string Code { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Region { get; set; } = "";

    public RekCommittee ToRekCommittee() => new() { Code = Code ?? "", DisplayName = DisplayName ?? "", Region = Region ?? "" };
}
