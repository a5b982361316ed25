using System.Globalization;
using DataAccessBroker.Cli.Commands;
using DataAccessBroker.Contracts.V1;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace DataAccessBroker.Cli.Files;

/// <summary>
/// The application file `dab apply` reads: YAML or JSON (YAML parses JSON too), snake_case keys, friendly values.
/// docs/example-application.yaml is the documented example.
/// </summary>
public sealed class ApplicationFile
{
    private static readonly Dictionary<string, Contracts.V1.Purpose> Purposes = new()
    {
        ["health-research"] = Contracts.V1.Purpose.HealthResearch,
        ["quality-improvement"] = Contracts.V1.Purpose.QualityImprovement,
        ["statistics"] = Contracts.V1.Purpose.Statistics,
        ["health-administration"] = Contracts.V1.Purpose.HealthAdministration,
    };

    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Purpose { get; set; } = "";
    public PeriodSection? ProjectPeriod { get; set; }
    public InvestigatorSection? PrincipalInvestigator { get; set; }
    public string RekCommittee { get; set; } = "";
    public string RekReference { get; set; } = "";
    public List<SourceSection> DataSources { get; set; } = [];
    public string LegalBasis { get; set; } = "";
    public bool SourcesLinked { get; set; }

    public static Application Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }

        ApplicationFile file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<ApplicationFile?>(text) ?? new ApplicationFile();
        }
        catch (YamlException e)
        {
            throw new UsageException(
                $"{path}:{e.Start.Line}:{e.Start.Column}: {(e.InnerException ?? e).Message}");
        }

        return file.ToMessage(path);
    }

    private Application ToMessage(string path)
    {
        var message = new Application
        {
            Title = Title,
            Summary = Summary,
            RekCommittee = RekCommittee,
            RekReference = RekReference,
            LegalBasis = LegalBasis,
            SourcesLinked = SourcesLinked,
            DataSources =
            {
                DataSources.Select(s => new DataSourceRequest
                {
                    DataSource = s.Source, Variables = { s.Variables }, CohortCriteria = s.Cohort,
                }),
            },
        };
        if (Purpose.Length > 0) message.Purpose = ParsePurpose(Purpose, $"{path}: purpose");

        if (ProjectPeriod is not null)
        {
            message.ProjectPeriod = new ProjectPeriod
            {
                StartDate = Date(ProjectPeriod.Start, "project_period.start", path),
                EndDate = Date(ProjectPeriod.End, "project_period.end", path),
            };
        }

        if (PrincipalInvestigator is not null)
        {
            message.PrincipalInvestigator = new Contracts.V1.PrincipalInvestigator
            {
                Name = PrincipalInvestigator.Name,
                Email = PrincipalInvestigator.Email,
                Institution = PrincipalInvestigator.Institution,
            };
        }

        return message;
    }

    /// <summary>The friendly purpose names files and options use.</summary>
    public static Contracts.V1.Purpose ParsePurpose(string text, string what) =>
        Purposes.TryGetValue(text, out var purpose)
            ? purpose
            : throw new UsageException($"{what} '{text}' is unknown; use one of {string.Join(", ", Purposes.Keys)}");

    private static Google.Type.Date? Date(string value, string field, string path)
    {
        if (value.Length == 0) return null;
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day }
            : throw new UsageException($"{path}: {field} '{value}' is not a date (YYYY-MM-DD)");
    }

    public sealed class PeriodSection
    {
        public string Start { get; set; } = "";
        public string End { get; set; } = "";
    }

    public sealed class InvestigatorSection
    {
        public string Name { get; set; } = "";
        public string Email { get; set; } = "";
        public string Institution { get; set; } = "";
    }

    public sealed class SourceSection
    {
        public string Source { get; set; } = "";
        public List<string> Variables { get; set; } = [];
        public string Cohort { get; set; } = "";
    }
}
