using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Infrastructure.Federation;
using DataAccessBroker.Infrastructure.Statistics;
using DataAccessBroker.Server.Mapping;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>
/// Thin adapter over the statistics queries; for analysts and admins only. Every answer carries its scope: the filter
/// as resolved, whether the period is still running, and whether the history is simulated.
/// </summary>
[Authorize(Roles = $"{Roles.Analyst},{Roles.Admin}")]
public sealed class StatisticsGrpcService(
    StatisticsQueries queries, StatisticsScopes scopes, FederatedStatistics federated, SlaPolicy policy, TimeProvider clock)
    : StatisticsService.StatisticsServiceBase
{
    private const int ExportBatch = 500;

    /// <summary>This node's turnaround; with <c>nodes</c>, every node's own beside it.</summary>
    public override async Task<GetTurnaroundResponse> GetTurnaround(GetTurnaroundRequest request, ServerCallContext context)
    {
        var scope = await ScopeAsync(request.Filter, context);
        var response = new GetTurnaroundResponse
        {
            Scope = StatisticsMapper.ToProto(scope), SlaAllowances = { StatisticsMapper.AllowancesOf(policy) },
        };
        if (request.Nodes.Count == 0)
        {
            response.Groups.Add((await queries.TurnaroundAsync(scope.Filter, context.CancellationToken)).Select(StatisticsMapper.ToProto));
            return response;
        }

        var nodes = await federated.TurnaroundAsync(scope, request.Nodes, context.CancellationToken);
        response.Groups.Add(nodes[0].Groups.Select(StatisticsMapper.ToProto));
        response.Nodes.Add(nodes.Select(StatisticsMapper.ToProto));
        return response;
    }

    public override async Task<GetBacklogResponse> GetBacklog(GetBacklogRequest request, ServerCallContext context)
    {
        var scope = await ScopeAsync(request.Filter, context);
        var day = StatisticsMapper.ToDay(request.AsOfDate, "as_of_date");
        var (asOf, groups) = await queries.BacklogAsync(scope.Filter, day, context.CancellationToken);
        return new GetBacklogResponse
        {
            AsOfTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(asOf),
            Groups = { groups.Select(StatisticsMapper.ToProto) },
            Scope = StatisticsMapper.ToBacklogProto(scope),
        };
    }

    public override async Task<GetMonthlyTrendResponse> GetMonthlyTrend(GetMonthlyTrendRequest request, ServerCallContext context)
    {
        var scope = await ScopeAsync(request.Filter, context);
        var months = await queries.TrendAsync(scope.Filter, context.CancellationToken);
        return new GetMonthlyTrendResponse
        {
            Months = { months.Select(m => StatisticsMapper.ToProto(m, scope.ComputeTime)) },
            Scope = StatisticsMapper.ToProto(scope),
        };
    }

    public override async Task<GetBottlenecksResponse> GetBottlenecks(GetBottlenecksRequest request, ServerCallContext context)
    {
        var scope = await ScopeAsync(request.Filter, context);
        return new GetBottlenecksResponse
        {
            Bottlenecks = { (await queries.BottlenecksAsync(scope.Filter, context.CancellationToken)).Select(StatisticsMapper.ToProto) },
            Scope = StatisticsMapper.ToProto(scope),
        };
    }

    public override async Task ExportStageIntervals(
        ExportStageIntervalsRequest request, IServerStreamWriter<ExportStageIntervalsResponse> responseStream,
        ServerCallContext context)
    {
        var scope = await ScopeAsync(request.Filter, context);
        // The scope goes with the first message, even when there is no interval to send.
        var batch = new ExportStageIntervalsResponse { Scope = StatisticsMapper.ToProto(scope) };
        await foreach (var interval in queries.ExportAsync(scope.Filter, context.CancellationToken))
        {
            batch.Intervals.Add(interval.ToProto());
            if (batch.Intervals.Count < ExportBatch) continue;
            await responseStream.WriteAsync(batch, context.CancellationToken);
            batch = new ExportStageIntervalsResponse();
        }

        if (batch.Intervals.Count > 0 || batch.Scope is not null) await responseStream.WriteAsync(batch, context.CancellationToken);
    }

    private Task<Infrastructure.Statistics.StatisticsScope> ScopeAsync(
        Contracts.V1.StatisticsFilter? filter, ServerCallContext context) =>
        scopes.ResolveAsync(StatisticsMapper.ToFilter(filter ?? new Contracts.V1.StatisticsFilter(), clock.GetUtcNow()),
            refuseUnknownCodes: true, context.CancellationToken);
}
