using System.Text.Json;
using DataAccessBroker.Domain.Applications;
using DataAccessBroker.Domain.Federation;
using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>Maps between the application tables and the domain; the one place that knows both shapes.</summary>
internal static class ApplicationRowMapper
{
    public const string ApplicationColumns = """
        a.id, a.owner_subject, a.state, a.return_stage, a.version, a.event_count, a.title, a.summary, a.purpose,
        a.project_start, a.project_end, a.pi_name, a.pi_email, a.pi_institution, a.rek_committee, a.rek_reference,
        a.data_sources, a.legal_basis, a.sources_linked, a.source_organisations, a.create_time, a.update_time,
        a.submit_time, a.source_nodes, a.origin_node, a.origin_application
        """;

    public const string TaskColumns = """
        t.id, t.application_id, t.stage, t.organisation, t.data_source, t.status, t.version, t.opened_time,
        t.closed_time, t.decided_by, t.comment, t.conditions, t.node
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the current row now; the aggregate is built once its tasks have been loaded.</summary>
    public static (Guid Id, Func<IEnumerable<StageTask>, DataAccessApplication> Build) ReadApplication(
        NpgsqlDataReader r)
    {
        var details = new ApplicationDetails
        {
            Title = r.GetString(6),
            Summary = r.GetString(7),
            Purpose = Enum.Parse<Purpose>(r.GetString(8)),
            ProjectStart = r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9),
            ProjectEnd = r.IsDBNull(10) ? null : r.GetFieldValue<DateOnly>(10),
            PrincipalInvestigator = new PrincipalInvestigator(r.GetString(11), r.GetString(12), r.GetString(13)),
            RekCommittee = r.GetString(14),
            RekReference = r.GetString(15),
            DataSources = JsonSerializer.Deserialize<List<DataSourceRow>>(r.GetString(16), Json)!
                .Select(s => new DataSourceRequest(s.DataSource, s.Variables, s.CohortCriteria)).ToList(),
            LegalBasis = r.GetString(17),
            SourcesLinked = r.GetBoolean(18),
        };
        var id = r.GetGuid(0);
        var owner = r.GetString(1);
        var state = Enum.Parse<ApplicationState>(r.GetString(2));
        Stage? returnStage = r.IsDBNull(3) ? null : Enum.Parse<Stage>(r.GetString(3));
        var version = r.GetInt32(4);
        var eventCount = r.GetInt32(5);
        var sourceOrganisations = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(19), Json)!;
        var createTime = r.GetFieldValue<DateTimeOffset>(20);
        var updateTime = r.GetFieldValue<DateTimeOffset>(21);
        DateTimeOffset? submitTime = r.IsDBNull(22) ? null : r.GetFieldValue<DateTimeOffset>(22);
        var sourceNodes = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(23), Json)!;
        ApplicationOrigin? origin = r.IsDBNull(24) ? null : new ApplicationOrigin(r.GetString(24), r.GetGuid(25));
        return (id, tasks => DataAccessApplication.Restore(id, owner, details, state, returnStage, version,
            createTime, updateTime, submitTime, sourceOrganisations, tasks, eventCount, sourceNodes, origin));
    }

    public static (Guid ApplicationId, StageTask Task) ReadTask(NpgsqlDataReader r) =>
        (r.GetGuid(1), StageTask.Restore(
            r.GetGuid(0), Enum.Parse<Stage>(r.GetString(2)), r.GetString(3), NullableString(r, 4),
            Enum.Parse<StageTaskStatus>(r.GetString(5)), r.GetFieldValue<DateTimeOffset>(7),
            r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), NullableString(r, 9), NullableString(r, 10),
            NullableString(r, 11), r.GetInt32(6), NullableString(r, 12)));

    /// <summary>The applications as column arrays, in the order of <see cref="ApplicationColumns"/>.</summary>
    public static ColumnArrays<DataAccessApplication> ApplicationRows(IReadOnlyCollection<DataAccessApplication> applications) =>
        new ColumnArrays<DataAccessApplication>(applications)
            .Column(a => a.Id).Column(a => a.OwnerSubject).Column(a => a.State.ToString())
            .Column(a => a.ReturnStage?.ToString()).Column(a => a.Version)
            .Column(a => a.StoredEventCount + a.NewEvents.Count).Column(a => a.Details.Title)
            .Column(a => a.Details.Summary).Column(a => a.Details.Purpose.ToString()).Column(a => a.Details.ProjectStart)
            .Column(a => a.Details.ProjectEnd).Column(a => a.Details.PrincipalInvestigator.Name)
            .Column(a => a.Details.PrincipalInvestigator.Email).Column(a => a.Details.PrincipalInvestigator.Institution)
            .Column(a => a.Details.RekCommittee).Column(a => a.Details.RekReference)
            .Column(a => JsonSerializer.Serialize(
                a.Details.DataSources.Select(s => new DataSourceRow(s.DataSource, s.Variables.ToList(), s.CohortCriteria)), Json))
            .Column(a => a.Details.LegalBasis).Column(a => a.Details.SourcesLinked)
            .Column(SourceOrganisationsJson).Column(a => a.CreateTime)
            .Column(a => a.UpdateTime).Column(a => a.SubmitTime).Column(SourceNodesJson).Column(a => a.Origin?.Node)
            .Column(a => a.Origin?.ApplicationId);

    public static string SourceOrganisationsJson(DataAccessApplication application) =>
        JsonSerializer.Serialize(application.SourceOrganisations, Json);

    public static string SourceNodesJson(DataAccessApplication application) =>
        JsonSerializer.Serialize(application.SourceNodes, Json);

    private static string? NullableString(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private sealed record DataSourceRow(string DataSource, List<string> Variables, string CohortCriteria);
}
