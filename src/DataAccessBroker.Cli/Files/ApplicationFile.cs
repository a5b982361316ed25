using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
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
public sealed partial class ApplicationFile
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

    /// <summary>
    /// Reads the file: JSON when it ends in .json (System.Text.Json), YAML otherwise. Whatever cannot be used is a
    /// <see cref="UsageException"/> that says where, in plain words: "FILE line 4, column 7: …".
    /// </summary>
    public static Application Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }

        var file = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromJson(text, path) : FromYaml(text, path);
        if (file is null || file.IsEmpty)
        {
            throw new UsageException(
                $"{path} holds no application (it is empty, or has no keys); docs/example-application.yaml shows one");
        }

        return file.ToMessage(path);
    }

    private static ApplicationFile? FromYaml(string text, string path)
    {
        try
        {
            return new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<ApplicationFile?>(text);
        }
        catch (YamlException e)
        {
            // YamlDotNet wraps what the document held that the file cannot (an unknown key, a list where a text goes).
            var why = (e.InnerException ?? e).Message;
            if (UnknownKey().Match(why) is { Success: true } unknown)
            {
                var section = typeof(ApplicationFile).Assembly.GetType(unknown.Groups[2].Value) ?? typeof(ApplicationFile);
                why = $"unknown key '{Underscored(unknown.Groups[1].Value)}'; the keys here are {Keys(section)}";
            }

            throw new UsageException($"{path} line {e.Start.Line}, column {e.Start.Column}: {why.TrimEnd('.')}");
        }
    }

    private static ApplicationFile? FromJson(string text, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ApplicationFile>(text, JsonOptions);
        }
        catch (JsonException e)
        {
            // System.Text.Json counts from 0 and appends its own position ("Path: $.x | LineNumber: …"): said once, as
            // people count.
            var why = e.Message.Split(" Path: ")[0].Split(" LineNumber: ")[0].TrimEnd(' ', '.', '|');
            if (e.Message.Contains("could not be mapped", StringComparison.Ordinal) && e.Path is { } at)
            {
                why = $"unknown key '{at.Split('.')[^1]}'";
            }

            throw new UsageException(e.LineNumber is { } line
                ? $"{path} line {line + 1}, column {e.BytePositionInLine + 1}: {why}"
                : $"{path}: {why}");
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static string Keys(Type section) =>
        string.Join(", ", section.GetProperties().Where(p => p.CanWrite).Select(p => Underscored(p.Name)));

    private static string Underscored(string name) => UnderscoredNamingConvention.Instance.Apply(name);

    /// <summary>Nothing a reviewer could read: an empty document, or <c>{}</c>.</summary>
    private bool IsEmpty =>
        Title.Length == 0 && Summary.Length == 0 && Purpose.Length == 0 && ProjectPeriod is null
        && PrincipalInvestigator is null && RekCommittee.Length == 0 && RekReference.Length == 0 && DataSources.Count == 0
        && LegalBasis.Length == 0;

    [GeneratedRegex("Property '(.+)' not found on type '(.+)'")]
    private static partial Regex UnknownKey();

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
