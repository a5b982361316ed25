using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Errors;
using static DataAccessBroker.Domain.Tests.TestApplications;

namespace DataAccessBroker.Domain.Tests;

/// <summary>Every (state, trigger) pair: legal ones reach the right state, illegal ones are refused with a reason.</summary>
public sealed class WorkflowTransitionTests
{
    private static readonly Dictionary<(ApplicationState, ApplicationTrigger), ApplicationState> Legal = new()
    {
        [(ApplicationState.Draft, ApplicationTrigger.Submit)] = ApplicationState.RekReview,
        [(ApplicationState.Draft, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.RekReview, ApplicationTrigger.CompleteStage)] = ApplicationState.DataOwnerReview,
        [(ApplicationState.RekReview, ApplicationTrigger.Reject)] = ApplicationState.Rejected,
        [(ApplicationState.RekReview, ApplicationTrigger.RequestChanges)] = ApplicationState.AwaitingApplicant,
        [(ApplicationState.RekReview, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.DataOwnerReview, ApplicationTrigger.CompleteStage)] = ApplicationState.HdsDecision,
        [(ApplicationState.DataOwnerReview, ApplicationTrigger.Reject)] = ApplicationState.Rejected,
        [(ApplicationState.DataOwnerReview, ApplicationTrigger.RequestChanges)] = ApplicationState.AwaitingApplicant,
        [(ApplicationState.DataOwnerReview, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.HdsDecision, ApplicationTrigger.CompleteStage)] = ApplicationState.DataDelivery,
        [(ApplicationState.HdsDecision, ApplicationTrigger.Reject)] = ApplicationState.Rejected,
        [(ApplicationState.HdsDecision, ApplicationTrigger.RequestChanges)] = ApplicationState.AwaitingApplicant,
        [(ApplicationState.HdsDecision, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.DataDelivery, ApplicationTrigger.CompleteStage)] = ApplicationState.Delivered,
        [(ApplicationState.DataDelivery, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
        [(ApplicationState.AwaitingApplicant, ApplicationTrigger.Resubmit)] = ApplicationState.RekReview,
        [(ApplicationState.AwaitingApplicant, ApplicationTrigger.Lapse)] = ApplicationState.Lapsed,
        [(ApplicationState.AwaitingApplicant, ApplicationTrigger.Withdraw)] = ApplicationState.Withdrawn,
    };

    public static TheoryData<ApplicationState, ApplicationTrigger> AllPairs()
    {
        var data = new TheoryData<ApplicationState, ApplicationTrigger>();
        foreach (var state in Enum.GetValues<ApplicationState>())
        foreach (var trigger in Enum.GetValues<ApplicationTrigger>())
        {
            data.Add(state, trigger);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Each_state_and_trigger_either_moves_to_the_expected_state_or_is_refused_with_a_reason(
        ApplicationState state, ApplicationTrigger trigger)
    {
        var application = InState(state);
        var eventsBefore = application.NewEvents.Count;

        if (Legal.TryGetValue((state, trigger), out var expected))
        {
            Act(application, trigger);
            Assert.Equal(expected, application.State);
            Assert.True(application.NewEvents.Count > eventsBefore, "a transition records an event");
            Assert.Equal(expected, application.NewEvents[^1].ToState);
        }
        else
        {
            var refusal = Assert.ThrowsAny<DomainException>(() => Act(application, trigger));
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
            Assert.Matches("^[A-Z_]+$", refusal.Reason);
            Assert.Equal(state, application.State);
            Assert.Equal(eventsBefore, application.NewEvents.Count);
        }
    }

    [Fact]
    public void An_illegal_transition_names_the_state_it_was_refused_in()
    {
        var application = InState(ApplicationState.Delivered);

        var refusal = Assert.Throws<WorkflowException>(() => application.Withdraw(Researcher, null, Start));

        Assert.Equal("ILLEGAL_TRANSITION", refusal.Reason);
        var violation = Assert.Single(refusal.Violations);
        Assert.Equal("STATE", violation.Type);
        Assert.Contains("cannot withdraw an application that is Delivered", violation.Description);
    }

    /// <summary>Task-level triggers act on the newest task, which is what a reviewer would try to decide.</summary>
    private static void Act(DataAccessApplication a, ApplicationTrigger trigger)
    {
        var task = a.Tasks.LastOrDefault()?.Id ?? Guid.NewGuid();
        switch (trigger)
        {
            case ApplicationTrigger.Submit: a.Submit(Researcher, SeededCatalog, Start); break;
            case ApplicationTrigger.CompleteStage:
                if (!a.OpenTasks().Any()) a.ApproveTask(task, Reviewer, null, null, Start);
                a.CompleteStage();
                break;
            case ApplicationTrigger.Reject: a.RejectTask(task, Reviewer, "no", Start); break;
            case ApplicationTrigger.RequestChanges: a.RequestChanges(task, Reviewer, "more", Start); break;
            case ApplicationTrigger.Resubmit: a.Resubmit(Researcher, "done", Start); break;
            case ApplicationTrigger.Withdraw: a.Withdraw(Researcher, null, Start); break;
            case ApplicationTrigger.Lapse: a.Lapse(Start); break;
        }
    }
}
