using System.Text.Json.Nodes;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Reporting;
using Google.Protobuf;
using static DataAccessBroker.Reporting.Terms;

namespace DataAccessBroker.Cli.Output;

/// <summary>How dab shows applications, tasks and histories to people, and the API's JSON to scripts.</summary>
public static class Views
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation().WithFormatDefaultValues(false));

    public static void WriteJson(TextWriter writer, IMessage message) => writer.WriteLine(Json.Format(message));

    /// <summary>
    /// One JSON document of one or more messages: the top-level fields of each, in order (the catalog's sources and
    /// committees), or under the names given (an application and its history). A list that is empty is there as
    /// <c>[]</c> (the API's JSON leaves it out), so that a script reads every list the same way.
    /// </summary>
    public static void WriteJson(TextWriter writer, params (string? Name, IMessage Message)[] parts)
    {
        var document = new JsonObject();
        foreach (var (name, message) in parts)
        {
            var node = JsonNode.Parse(Json.Format(message))!;
            foreach (var list in message.Descriptor.Fields.InDeclarationOrder().Where(f => f.IsRepeated && !f.IsMap))
            {
                node[list.JsonName] ??= new JsonArray();
            }

            if (name is not null)
            {
                document[name] = node;
                continue;
            }

            foreach (var (key, value) in node.AsObject().ToList())
            {
                node.AsObject().Remove(key);
                document[key] = value;
            }
        }

        writer.WriteLine(document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];

    public static void WriteApplications(TextWriter writer, IEnumerable<Application> applications)
    {
        var table = new Table("ID", "STATE", "TITLE", "SOURCES", "FROM", "UPDATED");
        foreach (var a in applications)
        {
            table.Add(Id(a.Name), Words(a.State), a.Title, string.Join(", ", a.DataSources.Select(s => s.DataSource)),
                a.OriginNode.Length > 0 ? a.OriginNode : "here", Times.Format(a.UpdateTime));
        }

        table.WriteTo(writer);
    }

    /// <summary>
    /// Everything a reviewer decides on (the project, its legal basis and period, each source with its variables and
    /// cohort, linkage, REK's reference, HDS's conditions), then the deadlines, the stages and the history.
    /// </summary>
    public static void WriteApplication(TextWriter writer, Application a, IReadOnlyList<ApplicationEvent> history)
    {
        Screen.WriteHeading(writer, a.Title.Length > 0 ? a.Title : "(untitled)");
        var facts = new Table("", "") { KeyValue = true };
        facts.Add("id", Id(a.Name));
        facts.Add("state", Words(a.State) + (a.ReturnStage != Contracts.V1.Stage.Unspecified
            ? $" (asked by {Stage(a.ReturnStage)})" : ""));
        facts.Add("purpose", Words(a.Purpose));
        facts.Add("applicant", a.Applicant);
        if (a.OriginNode.Length > 0) facts.Add("forwarded by", $"{a.OriginNode} ({a.OriginApplication})");
        facts.Add("investigator", Investigator(a.PrincipalInvestigator));
        facts.Add("project period", a.ProjectPeriod is { } p ? $"{Date(p.StartDate)} to {Date(p.EndDate)}" : "");
        facts.Add("legal basis", a.LegalBasis);
        if (a.RekCommittee.Length > 0 || a.RekReference.Length > 0)
        {
            facts.Add("REK", a.RekReference.Length > 0 ? $"{a.RekCommittee}, reference {a.RekReference}" : a.RekCommittee);
        }

        facts.Add("linkage", a.SourcesLinked
            ? "the sources' data are linked on the personal identifier"
            : "none: each source's data are used apart");
        facts.Add("submitted", Times.Format(a.SubmitTime));
        if (a.DecisionConditions.Length > 0) facts.Add("conditions", a.DecisionConditions);
        if (a.ApplicantDueTime is not null) facts.Add("answer due", $"{Times.Format(a.ApplicantDueTime)} (the application lapses then)");
        if (a.DecisionDueTime is not null) facts.Add("decision due", Times.Format(a.DecisionDueTime));
        if (a.DeliveryDueTime is not null) facts.Add("delivery due", Times.Format(a.DeliveryDueTime));
        facts.Add("etag", a.Etag);
        facts.WriteTo(writer);

        Section(writer, "Summary");
        Screen.WriteWrapped(writer, a.Summary.Length > 0 ? a.Summary : "(none)", indent: 2);

        Section(writer, "Data sources");
        if (a.DataSources.Count == 0) writer.WriteLine("  (none)");
        foreach (var source in a.DataSources)
        {
            writer.WriteLine($"  {source.DataSource}");
            Screen.WriteWrapped(writer, $"variables: {string.Join(", ", source.Variables)}", indent: 4);
            Screen.WriteWrapped(writer, $"cohort: {source.CohortCriteria}", indent: 4);
        }

        Section(writer, "Stages");
        var stages = new Table("STAGE", "BODY", "NODE", "STATE", "DUE OR CLOSED", "ALLOWANCE", "TASK");
        foreach (var t in a.Tasks)
        {
            stages.Add(t.Node.Length > 0 && t.Stage == Contracts.V1.Stage.DataOwnerReview ? "peer assessment" : Stage(t.Stage),
                Body(t), t.Node.Length > 0 ? t.Node : "here", Words(t.State),
                t.CloseTime is not null ? $"closed {Times.Format(t.CloseTime)}" : Due(t), t.Allowance, Id(t.Name));
        }

        stages.WriteTo(writer);

        Section(writer, "History");
        var events = new Table("#", "TIME", "ACTION", "STATE", "BY", "COMMENT");
        foreach (var e in history)
        {
            events.Add(e.Sequence.ToString(), Times.Format(e.OccurTime), Words(e.Action),
                e.FromState == e.ToState ? Words(e.ToState) : $"{Words(e.FromState)} → {Words(e.ToState)}",
                $"{e.ActorName} ({e.Organisation})", e.Comment);
        }

        events.WriteTo(writer);
    }

    public static void WriteTasks(TextWriter writer, IEnumerable<StageTask> tasks)
    {
        // Two ids leave little room: the stage and its body share a column, as in the statistics.
        var table = new Table("TASK", "STAGE · BODY", "DUE", "APPLICATION", "TITLE");
        foreach (var t in tasks)
        {
            table.Add(Id(t.Name), $"{Stage(t.Stage)} · {Body(t)}", Due(t), Id(t.Application), t.ApplicationTitle);
        }

        table.WriteTo(writer);
    }

    private static void Section(TextWriter writer, string title)
    {
        writer.WriteLine();
        Screen.WriteHeading(writer, title);
    }

    private static string Investigator(PrincipalInvestigator? pi) =>
        pi is null ? "" : string.Join(", ", new[] { pi.Name, pi.Institution, pi.Email }.Where(s => s.Length > 0));

    private static string Date(Google.Type.Date? date) =>
        date is null ? "?" : $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";

    /// <summary>The registry a task concerns, or the body that decides it (a committee, HDS, a peer node).</summary>
    private static string Body(StageTask t) => t.DataSource.Length > 0 ? t.DataSource : t.Organisation;

    /// <summary>"2026-12-01 10:00 +01:00 (12.5 bd left)", "… (OVERDUE 3 bd)", or what a stopped clock has left.</summary>
    private static string Due(StageTask t)
    {
        if (t.DueTime is null)
        {
            return t.State switch
            {
                StageTask.Types.State.Paused => $"paused, {t.BusinessDaysLeft:0.#} d left",
                StageTask.Types.State.ChangesRequested => $"changes requested, {t.BusinessDaysLeft:0.#} d left",
                _ => "",
            };
        }

        return t.Overdue
            ? $"{Times.Format(t.DueTime)} (OVERDUE {-t.BusinessDaysLeft:0.#} bd)"
            : $"{Times.Format(t.DueTime)} ({t.BusinessDaysLeft:0.#} bd left)";
    }
}
