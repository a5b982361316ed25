using DataAccessBroker.Infrastructure.Persistence;
using Google.Protobuf.WellKnownTypes;
using Proto = DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Server.Mapping;

/// <summary>Catalog entries and mirrors, domain → API.</summary>
public static class CatalogMapper
{
    public static Proto.DataSource ToProto(Domain.Catalog.DataSource s) => new()
    {
        Code = s.Code, DisplayName = s.Name, OwnerName = s.OwnerName, Organisation = s.Organisation, Node = s.Node,
    };

    public static Proto.RekCommittee ToProto(Domain.Catalog.RekCommittee c) => new()
    {
        Code = c.Code, DisplayName = c.Name, Region = c.Region,
    };

    public static Proto.CatalogMirror ToProto(CatalogMirror m) => new()
    {
        Node = m.Node,
        NodeName = m.NodeName,
        RefreshTime = m.RefreshTime is { } time ? Timestamp.FromDateTimeOffset(time) : null,
        Stale = m.Stale,
    };
}
