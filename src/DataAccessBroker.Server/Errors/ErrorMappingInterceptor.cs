using DataAccessBroker.Domain.Errors;
using DataAccessBroker.Infrastructure.Audit;
using DataAccessBroker.Infrastructure.Persistence;
using DataAccessBroker.Infrastructure.Workflow;
using DataAccessBroker.Server.Mapping;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Npgsql;

namespace DataAccessBroker.Server.Errors;

/// <summary>
/// Holds every request to the contract's bounds (<see cref="RequestLimits"/>) before a service sees it, and turns
/// domain refusals into <c>google.rpc.Status</c> errors with <c>ErrorInfo</c> and, where they apply, <c>BadRequest</c>
/// or <c>PreconditionFailure</c> details, bounded (<see cref="BoundedStatus"/>); a database that cannot be reached into UNAVAILABLE with
/// <c>RetryInfo</c>, a transaction PostgreSQL aborted for a conflict (after the broker's own retries) into ABORTED, and a
/// read the access log could not record into UNAVAILABLE (the read is refused, fail closed). Anything unexpected is
/// logged and answers INTERNAL without its message or stack trace.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public const string ErrorDomain = "dataaccessbroker.no";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            if (request is Google.Protobuf.IMessage message) RequestLimits.Check(message);
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            if (request is Google.Protobuf.IMessage message) RequestLimits.Check(message);
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        var status = exception switch
        {
            InvalidInputException e => BoundedStatus.InvalidInput(e),
            WorkflowException e => BoundedStatus.Workflow(e),
            NotFoundException e => Status(Code.NotFound, e),
            _ when TransientConflicts.IsConflict(exception) => BoundedStatus.Of(Code.Aborted, "TRANSACTION_CONFLICT",
                "the change collided with a concurrent one and was not applied; read the object again and retry"),
            BrokerStoppingException e => BoundedStatus.Of(Code.Unavailable, "SHUTTING_DOWN", e.Message,
                new RetryInfo { RetryDelay = Duration.FromTimeSpan(DatabaseOutage.RetryAfter) }),
            AccessNotRecordedException e => NotRecorded(e, context),
            _ when DatabaseOutage.Is(exception) && !context.CancellationToken.IsCancellationRequested =>
                BoundedStatus.Of(Code.Unavailable, "DATABASE_UNAVAILABLE",
                    "the broker's database is unavailable; retry in a moment (a change cut off mid-way may have " +
                    "been applied: read it back before repeating it)",
                    new RetryInfo { RetryDelay = Duration.FromTimeSpan(DatabaseOutage.RetryAfter) }),
            ConcurrencyException e => Status(Code.Aborted, e),
            AlreadyExistsException e => Status(Code.AlreadyExists, e),
            OperationCanceledException or NpgsqlException { InnerException: OperationCanceledException }
                when context.CancellationToken.IsCancellationRequested =>
                new Google.Rpc.Status
                {
                    Code = (int)(context.Deadline <= DateTime.UtcNow ? Code.DeadlineExceeded : Code.Cancelled),
                    Message = "the call was cancelled or ran past its deadline",
                },
            _ => null,
        };

        if (status is null)
        {
            logger.LogError(exception, "Unhandled error in {Method}", context.Method);
            status = new Google.Rpc.Status
            {
                Code = (int)Code.Internal,
                Message = $"internal error; quote trace id {context.GetHttpContext().TraceIdentifier}",
            };
        }

        return status.ToRpcException();
    }

    /// <summary>A read refused because the access log would not take its row: the operators must hear of it.</summary>
    private Google.Rpc.Status NotRecorded(AccessNotRecordedException exception, ServerCallContext context)
    {
        logger.LogError(exception.InnerException, "A read in {Method} was refused: the access log did not record it",
            context.Method);
        return BoundedStatus.Of(Code.Unavailable, "ACCESS_NOT_RECORDED", exception.Message);
    }

    private static Google.Rpc.Status Status(Code code, DomainException exception) =>
        BoundedStatus.Of(code, exception.Reason, exception.Message);
}
