using System.Diagnostics;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Access;
using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Simulation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace DataAccessBroker.Server.Services;

/// <summary>Thin adapter over the simulation loader; admins only, and never in Production.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class SimulationGrpcService(SimulationLoader loader, IHostEnvironment environment)
    : SimulationService.SimulationServiceBase
{
    private const int MaxApplications = 1_000_000;

    public override async Task<SimulateHistoryResponse> SimulateHistory(
        SimulateHistoryRequest request, ServerCallContext context)
    {
        if (environment.IsProduction())
        {
            throw new WorkflowException("SIMULATION_REFUSED", "ENVIRONMENT", "simulation",
                "simulated history is refused in Production: it would mix with real applications");
        }

        var violations = new List<FieldViolation>();
        if (request.Applications is < 1 or > MaxApplications)
        {
            violations.Add(new("applications", $"must be between 1 and {MaxApplications}"));
        }

        if (request.Months is < 0 or > 120) violations.Add(new("months", "must be between 1 and 120"));
        if (violations.Count > 0) throw new InvalidInputException(violations);

        var watch = Stopwatch.StartNew();
        var (applications, tasks, events) = await loader.LoadAsync(
            unchecked((int)request.Seed), request.Applications, request.Months == 0 ? 24 : request.Months,
            context.CancellationToken);
        return new SimulateHistoryResponse
        {
            Applications = applications, StageTasks = tasks, Events = events, Elapsed = Duration.FromTimeSpan(watch.Elapsed),
        };
    }
}
