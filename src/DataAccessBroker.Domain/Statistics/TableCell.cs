namespace DataAccessBroker.Domain.Statistics;

/// <summary>
/// A cell of a published table of counts: up to three dimensions (bodies, purposes, quarters), each coordinate a value
/// or null for "all of them". A cell with nulls is a margin (a row's total, the grand total …). A table that uses fewer
/// dimensions leaves the others null everywhere.
/// </summary>
public readonly record struct TableCell(string? Row, string? Column, string? Layer = null) : IComparable<TableCell>
{
    /// <summary>By row, column and layer, ordinally, a margin (null) first: the order ties are broken in.</summary>
    public int CompareTo(TableCell other)
    {
        var byRow = string.CompareOrdinal(Row, other.Row);
        if (byRow != 0) return byRow;
        var byColumn = string.CompareOrdinal(Column, other.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(Layer, other.Layer);
    }

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
