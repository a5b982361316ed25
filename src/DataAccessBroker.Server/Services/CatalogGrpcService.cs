using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Persistence;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using DataSource = DataAccessBroker.Contracts.V1.DataSource;
using RekCommittee = DataAccessBroker.Contracts.V1.RekCommittee;

namespace DataAccessBroker.Server.Services;

/// <summary>Everyone signed in reads the catalog; admins add to it.</summary>
public sealed class CatalogGrpcService(CatalogRepository catalog) : CatalogService.CatalogServiceBase
{
    public override async Task<ListDataSourcesResponse> ListDataSources(
        ListDataSourcesRequest request, ServerCallContext context) => new()
    {
        DataSources = { (await catalog.ListDataSourcesAsync(context.CancellationToken)).Select(ToProto) },
    };

    public override async Task<ListRekCommitteesResponse> ListRekCommittees(
        ListRekCommitteesRequest request, ServerCallContext context) => new()
    {
        RekCommittees = { (await catalog.ListRekCommitteesAsync(context.CancellationToken)).Select(ToProto) },
    };

    [Authorize(Roles = Roles.Admin)]
    public override async Task<CreateDataSourceResponse> CreateDataSource(
        CreateDataSourceRequest request, ServerCallContext context)
    {
        var m = request.DataSource ?? throw new InvalidInputException("data_source", "is required");
        var source = new Domain.Catalog.DataSource(m.Code.Trim(), m.DisplayName.Trim(), m.OwnerName.Trim(), m.Organisation.Trim());
        var violations = CatalogEntryValidator.Validate(source);
        if (violations.Count > 0) throw new InvalidInputException(violations);
        if (!await catalog.TryAddDataSourceAsync(source, context.CancellationToken))
        {
            throw new AlreadyExistsException($"data source '{source.Code}'");
        }

        return new CreateDataSourceResponse { DataSource = ToProto(source) };
    }

    [Authorize(Roles = Roles.Admin)]
    public override async Task<CreateRekCommitteeResponse> CreateRekCommittee(
        CreateRekCommitteeRequest request, ServerCallContext context)
    {
        var m = request.RekCommittee ?? throw new InvalidInputException("rek_committee", "is required");
        var committee = new Domain.Catalog.RekCommittee(m.Code.Trim(), m.DisplayName.Trim(), m.Region.Trim());
        var violations = CatalogEntryValidator.Validate(committee);
        if (violations.Count > 0) throw new InvalidInputException(violations);
        if (!await catalog.TryAddRekCommitteeAsync(committee, context.CancellationToken))
        {
            throw new AlreadyExistsException($"REK committee '{committee.Code}'");
        }

        return new CreateRekCommitteeResponse { RekCommittee = ToProto(committee) };
    }

    private static DataSource ToProto(Domain.Catalog.DataSource s) => new()
    {
        Code = s.Code, DisplayName = s.Name, OwnerName = s.OwnerName, Organisation = s.Organisation,
    };

    private static RekCommittee ToProto(Domain.Catalog.RekCommittee c) => new()
    {
        Code = c.Code, DisplayName = c.Name, Region = c.Region,
    };
}
