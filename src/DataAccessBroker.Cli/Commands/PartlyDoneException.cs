using Grpc.Core;

namespace DataAccessBroker.Cli.Commands;

/// <summary>
/// A command of two calls whose second failed after the first had changed something (apply --submit: the draft was
/// saved, the submission refused): reported as the failure, with what was done and how to go on.
/// </summary>
internal sealed class PartlyDoneException(RpcException failure, string created, string note) : Exception(note, failure)
{
    public RpcException Failure { get; } = failure;
    public string Created { get; } = created;
}
