using DataAccessBroker.Domain.Applications;

namespace DataAccessBroker.Domain.Tests;

/// <summary>docs/workflow.md holds the Mermaid diagram generated from the machine; this fails when they drift.</summary>
public sealed class WorkflowDiagramTests
{
    private const string Begin = "```mermaid";
    private const string End = "```";

    [Fact]
    public void The_documented_diagram_is_the_one_the_code_generates()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "workflow.md");
        var generated = DataAccessApplication.WorkflowDiagram().ReplaceLineEndings("\n").Trim();
        var document = File.ReadAllText(path).ReplaceLineEndings("\n");

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            var start = document.IndexOf(Begin, StringComparison.Ordinal);
            var end = document.IndexOf(End, start + Begin.Length, StringComparison.Ordinal);
            File.WriteAllText(path, document[..(start + Begin.Length)] + "\n" + generated + "\n" + document[end..]);
            return;
        }

        var documented = Between(document);
        Assert.True(generated == documented,
            "docs/workflow.md is out of date; regenerate it with UPDATE_SNAPSHOTS=1 dotnet test --filter WorkflowDiagramTests");
    }

    [Fact]
    public void The_diagram_shows_every_state()
    {
        var diagram = DataAccessApplication.WorkflowDiagram();

        Assert.All(Enum.GetNames<ApplicationState>(), state => Assert.Contains(state, diagram));
    }

    private static string Between(string document)
    {
        var start = document.IndexOf(Begin, StringComparison.Ordinal) + Begin.Length;
        var end = document.IndexOf(End, start, StringComparison.Ordinal);
        return document[start..end].Trim();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataAccessBroker.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
