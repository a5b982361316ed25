using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Catalog;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>
/// Anyone reads the catalog, signed in or not: this node's sources and the mirrored sources of its peers, with how
/// fresh each mirror is, and the REK committees. It is public information (the node publishes its own sources as
/// DCAT-AP, helsedata.no lists them), and a researcher reads it before having an account. Admins add sources.
/// </summary>
public sealed class CatalogGrpcService(CatalogRepository catalog, NodeOptions node) : CatalogService.CatalogServiceBase
{
    [AllowAnonymous]
    public override async Task<ListDataSourcesResponse> ListDataSources(
        ListDataSourcesRequest request, ServerCallContext context) => new()
    {
        DataSources = { (await catalog.ListDataSourcesAsync(context.CancellationToken)).Select(CatalogMapper.ToProto) },
        Mirrors = { (await catalog.ListMirrorsAsync(context.CancellationToken)).Select(CatalogMapper.ToProto) },
        Node = node.Code,
    };

    [AllowAnonymous]
    public override async Task<ListRekCommitteesResponse> ListRekCommittees(
        ListRekCommitteesRequest request, ServerCallContext context) => new()
    {
        RekCommittees = { (await catalog.ListRekCommitteesAsync(context.CancellationToken)).Select(CatalogMapper.ToProto) },
    };

    [Authorize(Roles = Roles.Admin)]
    public override async Task<CreateDataSourceResponse> CreateDataSource(
        CreateDataSourceRequest request, ServerCallContext context)
    {
        var m = request.DataSource ?? throw new InvalidInputException("data_source", "is required");
        var source = new Domain.Catalog.DataSource(
            m.Code.Trim(), m.DisplayName.Trim(), m.OwnerName.Trim(), m.Organisation.Trim(), node.Code);
        var violations = CatalogEntryValidator.Validate(source);
        if (violations.Count > 0) throw new InvalidInputException(violations);
        if (!await catalog.TryAddDataSourceAsync(source, context.CancellationToken))
        {
            throw new AlreadyExistsException($"data source '{source.Code}'");
        }

        return new CreateDataSourceResponse { DataSource = CatalogMapper.ToProto(source) };
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

        return new CreateRekCommitteeResponse { RekCommittee = CatalogMapper.ToProto(committee) };
    }
}
