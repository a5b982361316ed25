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
        var table = new Table("ID", "STATE", "TITLE", "SOURCES", "UPDATED");
        foreach (var a in applications)
        {
            table.Add(Id(a.Name), Words(a.State), a.Title, string.Join(",", a.DataSources.Select(s => s.DataSource)),
                Time(a.UpdateTime));
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
        facts.Add("investigator", $"{a.PrincipalInvestigator?.Name}, {a.PrincipalInvestigator?.Institution}".Trim(',', ' '));
        if (a.RekCommittee.Length > 0) facts.Add("REK committee", a.RekCommittee);
        facts.Add("data sources", string.Join(", ", a.DataSources.Select(s => s.DataSource)));
        facts.Add("submitted", Time(a.SubmitTime));
        if (a.DecisionConditions.Length > 0) facts.Add("conditions", a.DecisionConditions);
        facts.Add("etag", a.Etag);
        facts.WriteTo(writer);

        writer.WriteLine();
        writer.WriteLine("Stages");
        var stages = new Table("STAGE", "BODY", "STATE", "OPENED", "CLOSED", "DAYS", "TASK");
        foreach (var t in a.Tasks)
        {
            var end = t.CloseTime?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow;
            var days = (end - t.OpenTime.ToDateTimeOffset()).TotalDays;
            stages.Add(Stage(t.Stage), t.DataSource.Length > 0 ? t.DataSource : t.Organisation, Words(t.State),
                Time(t.OpenTime), Time(t.CloseTime), days.ToString("0.0"), Id(t.Name));
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
        var table = new Table("TASK", "STAGE", "BODY", "WAITING", "APPLICATION", "TITLE");
        foreach (var t in tasks)
        {
            var waiting = DateTimeOffset.UtcNow - t.OpenTime.ToDateTimeOffset();
            table.Add(Id(t.Name), Stage(t.Stage), t.DataSource.Length > 0 ? t.DataSource : t.Organisation,
                $"{waiting.TotalDays:0.0} d", Id(t.Application), t.ApplicationTitle);
        }

        table.WriteTo(writer);
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
