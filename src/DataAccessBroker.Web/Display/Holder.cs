using DataAccessBroker.Contracts.V1;

namespace DataAccessBroker.Web.Display;

/// <summary>Who holds an application now, since when and until when: what a researcher asks first.</summary>
public sealed record Holder(string Body, Stage Stage, Google.Protobuf.WellKnownTypes.Timestamp? Since,
    Google.Protobuf.WellKnownTypes.Timestamp? Due, bool Overdue, bool IsApplicant)
{
    /// <summary>
    /// The bodies whose tasks are open (each with its own SLA deadline), or the applicant while the application awaits
    /// changes (until it lapses). Empty for a draft and once the application is final.
    /// </summary>
    public static IReadOnlyList<Holder> Of(Application application)
    {
        if (application.State == Application.Types.State.AwaitingApplicant)
        {
            var asking = application.Tasks.LastOrDefault(t => t.State == StageTask.Types.State.ChangesRequested);
            return [new Holder("", application.ReturnStage, asking?.CloseTime, application.ApplicantDueTime, false, true)];
        }

        return [.. application.Tasks.Where(t => t.State == StageTask.Types.State.Open)
            .Select(t => new Holder(BodyOf(t), t.Stage, t.OpenTime, t.DueTime, t.Overdue, false))];
    }

    /// <summary>The earliest deadline among those holding it: the next date that matters.</summary>
    public static Holder? Next(Application application) =>
        Of(application).Where(h => h.Due is not null).MinBy(h => h.Due!.ToDateTimeOffset());

    public static string BodyOf(StageTask task) =>
        task.Node.Length > 0 ? $"{task.Organisation} ({task.Node})"
        : task.DataSource.Length > 0 && task.DataSource != task.Organisation ? $"{task.Organisation} · {task.DataSource}"
        : task.Organisation;
}
