using Spectre.Console;
using Spectre.Console.Rendering;

namespace DataAccessBroker.Cli.Output;

/// <summary>
/// A table for people, rendered by Spectre.Console to the width of the screen (<see cref="Screen"/>): columns as wide
/// as their cells while the table fits; otherwise long cells wrap at word boundaries, and neither a word (an id, a
/// code) nor a cell of <see cref="Unbroken"/> characters or fewer (a state, a stage) is ever broken. A table that
/// cannot fit even so is printed row after row as "header  value" lines, never wider than the screen.
/// </summary>
public sealed class Table(params string[] headers)
{
    /// <summary>Cells this long or shorter are kept on one line: a state, a short stage name.</summary>
    private const int Unbroken = 12;
    private const int Gap = 2;
    private readonly List<string[]> _rows = [];

    /// <summary>Key/value listings: no header row, the values wrap to the width.</summary>
    public bool KeyValue { get; init; }

    /// <summary>Adds a row; missing trailing cells are blank (a suppressed group has only its name and the word).</summary>
    public Table Add(params string?[] cells)
    {
        _rows.Add(cells.Concat(Enumerable.Repeat("", Math.Max(0, headers.Length - cells.Length)))
            .Select(c => (c ?? "").ReplaceLineEndings(" ")).ToArray());
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        if (_rows.Count == 0)
        {
            writer.WriteLine("(none)");
            return;
        }

        var shown = KeyValue ? [] : headers;
        var widths = Widths(Screen.WidthOf(writer), shown);
        if (widths is null)
        {
            WriteRecords(writer);
            return;
        }

        var table = new Spectre.Console.Table { Border = TableBorder.None, ShowHeaders = !KeyValue };
        for (var i = 0; i < headers.Length; i++)
        {
            var column = new TableColumn(new Text(headers[i], new Style(decoration: Decoration.Bold)))
            {
                Width = widths[i], Padding = new Padding(0, 0, i == headers.Length - 1 ? 0 : Gap, 0),
            };
            table.AddColumn(column);
        }

        foreach (var row in _rows) table.AddRow(row.Select(Cell));
        Screen.Write(writer, table);
    }

    /// <summary>Each column's width, or null when even the narrowest layout is wider than the screen.</summary>
    private int[]? Widths(int screen, string[] shown)
    {
        var natural = Enumerable.Range(0, headers.Length)
            .Select(i => _rows.Select(r => r[i].Length).Append(shown.ElementAtOrDefault(i)?.Length ?? 0).Max()).ToArray();
        var narrowest = Enumerable.Range(0, headers.Length)
            .Select(i => _rows.Select(r => Narrowest(r[i])).Append(shown.ElementAtOrDefault(i)?.Length ?? 0).Max()).ToArray();
        var room = screen - Gap * (headers.Length - 1);
        if (natural.Sum() <= room) return natural;
        if (narrowest.Sum() > room) return null;

        // Cap the widest columns first, as little as will do: short columns keep their width, long text wraps.
        for (var cap = natural.Max(); ; cap--)
        {
            var widths = natural.Zip(narrowest, (n, m) => Math.Max(m, Math.Min(n, cap))).ToArray();
            if (widths.Sum() <= room) return widths;
        }
    }

    /// <summary>The narrowest a cell may be: whole when short, else as wide as its longest word.</summary>
    private static int Narrowest(string cell) =>
        cell.Length <= Unbroken ? cell.Length : cell.Split(' ').Max(word => word.Length);

    private void WriteRecords(TextWriter writer)
    {
        var records = new Rows(_rows.Select(row =>
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(Gap)).AddColumn();
            for (var i = 0; i < headers.Length; i++) grid.AddRow(new Text(headers[i]), Cell(row[i]));
            return (IRenderable)new Padder(grid, new Padding(0, 0, 0, 1));
        }));
        Screen.Write(writer, records);
    }

    /// <summary>Plain text (never markup: a title may hold brackets); work past its deadline stands out in red.</summary>
    private static Text Cell(string text) =>
        new(text, text.Contains("OVERDUE", StringComparison.Ordinal) || text.Contains("STALE", StringComparison.Ordinal)
            ? new Style(Color.Red)
            : Style.Plain);
}
