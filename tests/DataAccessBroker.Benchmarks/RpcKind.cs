namespace DataAccessBroker.Benchmarks;

/// <summary>The calls an application's run makes, told apart by who makes them and at which stage.</summary>
public enum RpcKind
{
    Create,
    Submit,
    ApproveRek,
    ApproveOwner,
    ApproveHds,
    Deliver,

    /// <summary>
    /// GetApplication after a stage change. ApproveTask and MarkDelivered answer with the decided task and the
    /// application's state only, so the tasks the change opened (their names and etags) must be read.
    /// </summary>
    Get,
}

public static class RpcKinds
{
    public static IReadOnlyList<RpcKind> All { get; } = Enum.GetValues<RpcKind>();

    /// <summary>The workflow transitions: Submit, every ApproveTask and MarkDelivered (7 per application).</summary>
    public static bool IsTransition(this RpcKind kind) => kind is not (RpcKind.Create or RpcKind.Get);
}
