namespace DataAccessBroker.Cli.Output;

/// <summary>A plain text table: columns padded to their widest cell, long cells cut with an ellipsis.</summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Key/value listings show whole values and no header row.</summary>
    public bool KeyValue { get; init; }

    /// <summary>Adds a row; missing trailing cells are blank (a suppressed group has only its name and the word).</summary>
    public Table Add(params string?[] cells)
    {
        _rows.Add(cells.Concat(Enumerable.Repeat("", Math.Max(0, headers.Length - cells.Length)))
            .Select(c => (c ?? "").ReplaceLineEndings(" ")).Select(c => KeyValue ? c : Cut(c)).ToArray());
        return this;
    }

    public void WriteTo(TextWriter writer)
    {
        if (_rows.Count == 0)
        {
            writer.WriteLine("(none)");
            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Max(r => r[i].Length))).ToArray();
        if (!KeyValue) writer.WriteLine(Line(headers, widths));
        foreach (var row in _rows) writer.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string Cut(string text) => text.Length <= 48 ? text : text[..47] + "…";
}
