using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Which of an organisation's unfinished tasks a queue lists: those in <paramref name="States"/>, and with
/// <paramref name="OverdueOnly"/> only those whose running clock's deadline lies before <paramref name="Now"/>.
/// </summary>
public sealed record TaskQueueFilter(IReadOnlyList<StageTaskStatus> States, bool OverdueOnly, DateTimeOffset Now);
