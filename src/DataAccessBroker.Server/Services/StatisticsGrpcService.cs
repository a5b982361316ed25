using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Statistics;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>Thin adapter over the statistics queries; for analysts and admins only.</summary>
[Authorize(Roles = $"{Roles.Analyst},{Roles.Admin}")]
public sealed class StatisticsGrpcService(StatisticsQueries queries, FederatedStatistics federated, TimeProvider clock)
    : StatisticsService.StatisticsServiceBase
{
    private const int ExportBatch = 500;

    /// <summary>This node's turnaround; with <c>nodes</c>, every node's own beside it.</summary>
    public override async Task<GetTurnaroundResponse> GetTurnaround(GetTurnaroundRequest request, ServerCallContext context)
    {
        var filter = Filter(request.Filter);
        if (request.Nodes.Count == 0)
        {
            return new GetTurnaroundResponse
            {
                Groups = { (await queries.TurnaroundAsync(filter, context.CancellationToken)).Select(StatisticsMapper.ToProto) },
            };
        }

        var nodes = await federated.TurnaroundAsync(filter, request.Nodes, context.CancellationToken);
        return new GetTurnaroundResponse
        {
            Groups = { nodes[0].Groups.Select(StatisticsMapper.ToProto) },
            Nodes = { nodes.Select(StatisticsMapper.ToProto) },
        };
    }

    public override async Task<GetBacklogResponse> GetBacklog(GetBacklogRequest request, ServerCallContext context)
    {
        var (filter, day) = (Filter(request.Filter), StatisticsMapper.ToDay(request.AsOfDate, "as_of_date"));
        var (asOf, groups) = await queries.BacklogAsync(filter, day, context.CancellationToken);
        return new GetBacklogResponse
        {
            AsOfTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(asOf),
            Groups = { groups.Select(StatisticsMapper.ToProto) },
        };
    }

    public override async Task<GetMonthlyTrendResponse> GetMonthlyTrend(GetMonthlyTrendRequest request, ServerCallContext context) =>
        new() { Months = { (await queries.TrendAsync(Filter(request.Filter), context.CancellationToken)).Select(StatisticsMapper.ToProto) } };

    public override async Task<GetBottlenecksResponse> GetBottlenecks(GetBottlenecksRequest request, ServerCallContext context) =>
        new() { Bottlenecks = { (await queries.BottlenecksAsync(Filter(request.Filter), context.CancellationToken)).Select(StatisticsMapper.ToProto) } };

    public override async Task ExportStageIntervals(
        ExportStageIntervalsRequest request, IServerStreamWriter<ExportStageIntervalsResponse> responseStream,
        ServerCallContext context)
    {
        var batch = new ExportStageIntervalsResponse();
        await foreach (var interval in queries.ExportAsync(Filter(request.Filter), context.CancellationToken))
        {
            batch.Intervals.Add(interval.ToProto());
            if (batch.Intervals.Count < ExportBatch) continue;
            await responseStream.WriteAsync(batch, context.CancellationToken);
            batch = new ExportStageIntervalsResponse();
        }

        if (batch.Intervals.Count > 0) await responseStream.WriteAsync(batch, context.CancellationToken);
    }

    private Infrastructure.Statistics.StatisticsFilter Filter(Contracts.V1.StatisticsFilter? filter) =>
        StatisticsMapper.ToFilter(filter ?? new Contracts.V1.StatisticsFilter(), clock.GetUtcNow());
}
