using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Infrastructure.Audit;
using Google.Protobuf.WellKnownTypes;
using Proto = DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Server.Mapping;

/// <summary>Access log rows, infrastructure → API.</summary>
public static class AuditMapper
{
    public static Proto.AccessRecord ToProto(this AccessRecord record) => new()
    {
        Application = ResourceNames.Application(record.Application),
        Actor = record.ActorSubject,
        ActorName = record.ActorName,
        ActorOrganisation = record.ActorOrganisation,
        ActorRoles = { record.ActorRoles },
        Read = record.Read,
        ReadTime = Timestamp.FromDateTimeOffset(record.ReadTime),
    };
}
