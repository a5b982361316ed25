using Spectre.Console;
using Spectre.Console.Rendering;

namespace DataAccessBroker.Cli.Output;

/// <summary>
/// Where dab's human output goes and how it may look there. On a terminal: the terminal's width, and colour unless
/// NO_COLOR is set (https://no-color.org). Redirected (a pipe, a file, a test's StringWriter): no colour and no escape
/// sequences ever, and a fixed width, <c>COLUMNS</c> when set, else <see cref="RedirectedWidth"/>, so that what a
/// script or a log captures does not depend on the window it ran in.
/// </summary>
public static class Screen
{
    public const int RedirectedWidth = 120;

    public static int WidthOf(TextWriter writer)
    {
        if (IsTerminal(writer) && Console.WindowWidth > 0) return Console.WindowWidth;
        return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0
            ? columns
            : RedirectedWidth;
    }

    /// <summary>Colour only where a person reads it, and never when they asked for none.</summary>
    public static bool ColourWanted(bool terminal, string? noColor) => terminal && string.IsNullOrEmpty(noColor);

    /// <summary>
    /// Renders to <paramref name="writer"/>, lines without trailing blanks (Spectre pads every cell to its column;
    /// the padding is noise in files and diffs).
    /// </summary>
    public static void Write(TextWriter writer, IRenderable renderable)
    {
        var colour = ColourWanted(IsTerminal(writer), Environment.GetEnvironmentVariable("NO_COLOR"));
        var buffer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(buffer),
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = WidthOf(writer);
        console.Write(renderable);
        foreach (var line in buffer.ToString().TrimEnd('\n', '\r').Split('\n')) writer.WriteLine(line.TrimEnd(' ', '\r'));
    }

    /// <summary>Text wrapped at word boundaries to the width, each line indented by <paramref name="indent"/> blanks.</summary>
    public static void WriteWrapped(TextWriter writer, string text, int indent = 0) =>
        Write(writer, new Padder(new Text(text.ReplaceLineEndings("\n")), new Padding(indent, 0, 0, 0)));

    /// <summary>A heading: bold where colour is allowed.</summary>
    public static void WriteHeading(TextWriter writer, string text) =>
        Write(writer, new Text(text, new Style(decoration: Decoration.Bold)));

    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
}
