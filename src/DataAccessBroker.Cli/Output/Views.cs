using DataAccessBroker.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DataAccessBroker.Cli.Output;

/// <summary>How dab shows applications, tasks and histories to people.</summary>
public static class Views
{
    private static readonly TimeZoneInfo Oslo = FindOslo();
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation().WithFormatDefaultValues(false));

    public static void WriteJson(TextWriter writer, IMessage message) => writer.WriteLine(Json.Format(message));

    public static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];

    public static string Time(Timestamp? time) =>
        time is null ? "" : TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), Oslo).ToString("yyyy-MM-dd HH:mm");

    public static string Words<T>(T value) where T : struct, System.Enum =>
        System.Text.RegularExpressions.Regex.Replace(value.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    public static string Stage(Stage stage) => stage switch
    {
        Contracts.V1.Stage.RekReview => "REK review",
        Contracts.V1.Stage.DataOwnerReview => "data-owner review",
        Contracts.V1.Stage.HdsDecision => "HDS decision",
        Contracts.V1.Stage.DataDelivery => "data delivery",
        _ => "",
    };

    public static void WriteApplications(TextWriter writer, IEnumerable<Application> applications)
    {
        var table = new Table("ID", "STATE", "TITLE", "SOURCES", "FROM", "UPDATED");
        foreach (var a in applications)
        {
            table.Add(Id(a.Name), Words(a.State), a.Title, string.Join(",", a.DataSources.Select(s => s.DataSource)),
                a.OriginNode.Length > 0 ? a.OriginNode : "here", Time(a.UpdateTime));
        }

        table.WriteTo(writer);
    }

    public static void WriteApplication(TextWriter writer, Application a, IReadOnlyList<ApplicationEvent> history)
    {
        writer.WriteLine(a.Title.Length > 0 ? a.Title : "(untitled)");
        var facts = new Table("", "") { KeyValue = true };
        facts.Add("id", Id(a.Name));
        facts.Add("state", Words(a.State) + (a.ReturnStage != Contracts.V1.Stage.Unspecified
            ? $" (asked by {Stage(a.ReturnStage)})" : ""));
        facts.Add("purpose", Words(a.Purpose));
        facts.Add("applicant", a.Applicant);
        if (a.OriginNode.Length > 0) facts.Add("forwarded by", $"{a.OriginNode} ({a.OriginApplication})");
        facts.Add("investigator", $"{a.PrincipalInvestigator?.Name}, {a.PrincipalInvestigator?.Institution}".Trim(',', ' '));
        if (a.RekCommittee.Length > 0) facts.Add("REK committee", a.RekCommittee);
        facts.Add("data sources", string.Join(", ", a.DataSources.Select(s => s.DataSource)));
        facts.Add("submitted", Time(a.SubmitTime));
        if (a.DecisionConditions.Length > 0) facts.Add("conditions", a.DecisionConditions);
        if (a.ApplicantDueTime is not null) facts.Add("answer due", $"{Time(a.ApplicantDueTime)} (the application lapses then)");
        if (a.DecisionDueTime is not null) facts.Add("decision due", Time(a.DecisionDueTime));
        if (a.DeliveryDueTime is not null) facts.Add("delivery due", Time(a.DeliveryDueTime));
        facts.Add("etag", a.Etag);
        facts.WriteTo(writer);

        writer.WriteLine();
        writer.WriteLine("Stages");
        var stages = new Table("STAGE", "BODY", "NODE", "STATE", "OPENED", "CLOSED", "DUE", "ALLOWANCE", "TASK");
        foreach (var t in a.Tasks)
        {
            stages.Add(t.Node.Length > 0 && t.Stage == Contracts.V1.Stage.DataOwnerReview ? "peer assessment" : Stage(t.Stage),
                Body(t), t.Node.Length > 0 ? t.Node : "here", Words(t.State), Time(t.OpenTime), Time(t.CloseTime), Due(t),
                t.Allowance, Id(t.Name));
        }

        stages.WriteTo(writer);

        writer.WriteLine();
        writer.WriteLine("History");
        var events = new Table("#", "TIME", "ACTION", "STATE", "BY", "COMMENT");
        foreach (var e in history)
        {
            events.Add(e.Sequence.ToString(), Time(e.OccurTime), Words(e.Action),
                e.FromState == e.ToState ? Words(e.ToState) : $"{Words(e.FromState)} → {Words(e.ToState)}",
                $"{e.ActorName} ({e.Organisation})", e.Comment);
        }

        events.WriteTo(writer);
    }

    public static void WriteTasks(TextWriter writer, IEnumerable<StageTask> tasks)
    {
        var table = new Table("TASK", "STAGE", "BODY", "DUE", "APPLICATION", "TITLE");
        foreach (var t in tasks)
        {
            table.Add(Id(t.Name), Stage(t.Stage), Body(t), Due(t), Id(t.Application), t.ApplicationTitle);
        }

        table.WriteTo(writer);
    }

    /// <summary>The registry a task concerns, or the body that decides it (a committee, HDS, a peer node).</summary>
    private static string Body(StageTask t) => t.DataSource.Length > 0 ? t.DataSource : t.Organisation;

    /// <summary>"2026-12-01 10:00 (12.5 bd left)", "… (OVERDUE 3 bd)", or the days left of a paused clock.</summary>
    private static string Due(StageTask t)
    {
        if (t.DueTime is null)
        {
            return t.State is StageTask.Types.State.Paused or StageTask.Types.State.ChangesRequested
                ? $"paused, {t.BusinessDaysLeft:0.#} d left"
                : "";
        }

        return t.Overdue
            ? $"{Time(t.DueTime)} (OVERDUE {-t.BusinessDaysLeft:0.#} bd)"
            : $"{Time(t.DueTime)} ({t.BusinessDaysLeft:0.#} bd left)";
    }

    private static TimeZoneInfo FindOslo()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
