namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// A cell of a published table of counts: up to three dimensions (bodies, purposes, quarters), each coordinate a value
/// or null for "all of them". A cell with nulls is a margin (a row's total, the grand total …). A table that uses fewer
/// dimensions leaves the others null everywhere.
/// </summary>
public readonly record struct TableCell(string? Row, string? Column, string? Layer = null)
{
    public static TableCell Inner(string row, string column) => new(row, column);
    public static TableCell RowTotal(string row) => new(row, null);
    public static TableCell ColumnTotal(string column) => new(null, column);
    public static TableCell GrandTotal => new(null, null);

    internal string? this[int dimension] => dimension switch { 0 => Row, 1 => Column, _ => Layer };

    internal TableCell With(int dimension, string? value) => dimension switch
    {
        0 => this with { Row = value },
        1 => this with { Column = value },
        _ => this with { Layer = value },
    };
}
