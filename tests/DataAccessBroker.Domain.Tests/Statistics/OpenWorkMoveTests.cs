using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Sla;
using DataAccessBroker.Domain.Statistics;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests.Statistics;

/// <summary>The open-work rollups move only by what a change did to each stage task's count.</summary>
public sealed class OpenWorkMoveTests
{
    private readonly SlaPolicy _policy = new();

    [Fact]
    public void A_new_open_task_is_added_and_a_closed_one_removed_from_where_it_was_counted()
    {
        var application = InState(ApplicationState.RekReview);
        var timers = SlaKeeper.Reconcile(application, [], _policy, Start);
        var rek = timers.Single(t => t.Subject == SlaTimerSubject.StageTask);

        var opened = Assert.Single(OpenWorkMove.Between(application, timers, new Dictionary<Guid, OpenWorkCount>()));
        Assert.Equal((Stage.RekReview, "rek-vest", Purpose.HealthResearch, new DateOnly(2026, 3, 1)),
            (opened.Stage, opened.Body, opened.Purpose, opened.OpenMonth));
        Assert.Null(opened.From);
        Assert.Equal(OpenWorkCount.Of(rek), opened.To);

        var counted = new Dictionary<Guid, OpenWorkCount> { [rek.Id] = OpenWorkCount.Of(rek)!.Value };
        Assert.Empty(OpenWorkMove.Between(application, timers, counted)); // nothing moved, nothing written

        application.ApproveTask(rek.TaskId!.Value, Reviewer, null, null, Start.AddDays(3));
        timers = SlaKeeper.Reconcile(application, timers, _policy, Start.AddDays(3));
        var moves = OpenWorkMove.Between(application, timers.Where(t => t.Changed), counted).ToList();

        var closed = Assert.Single(moves, m => m.Stage == Stage.RekReview);
        Assert.Equal((counted[rek.Id], (OpenWorkCount?)null), (closed.From!.Value, closed.To));
        Assert.Equal(3, moves.Count(m => m is { Stage: Stage.DataOwnerReview, From: null, To: not null }));
    }

    [Fact]
    public void A_breach_on_record_moves_the_task_to_its_overdue_row()
    {
        var application = InState(ApplicationState.RekReview);
        var timers = SlaKeeper.Reconcile(application, [], _policy, Start);
        var rek = timers.Single(t => t.Subject == SlaTimerSubject.StageTask);
        var counted = new Dictionary<Guid, OpenWorkCount> { [rek.Id] = OpenWorkCount.Of(rek)!.Value };

        SlaKeeper.Settle(application, timers, _policy, Start.AddDays(61)); // past REK's 60 calendar days

        var move = Assert.Single(OpenWorkMove.Between(application, [rek], counted));
        Assert.False(move.From!.Value.Breached);
        Assert.True(move.To!.Value.Breached);
        Assert.Equal(move.From.Value.Age, move.To.Value.Age);
    }
}
