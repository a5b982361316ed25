using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Web.Forms;

/// <summary>A registry an admin adds to this node's catalog.</summary>
public sealed class DataSourceForm
{
    public string Code { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public string Organisation { get; set; } = "";

    public DataSource ToDataSource() => new()
    {
        Code = Code ?? "", DisplayName = DisplayName ?? "", OwnerName = OwnerName ?? "", Organisation = Organisation ?? "",
    };
}
