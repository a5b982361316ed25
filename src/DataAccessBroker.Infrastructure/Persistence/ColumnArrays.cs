using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

/// <summary>
/// Set-based writes: one parameter per column, holding that column's value for every row, so one statement
/// <c>insert … select * from unnest($1, $2, …)</c> writes one row or thousands. A live command and the bulk loader of
/// simulated history thus share each table's single write statement.
/// </summary>
internal sealed class ColumnArrays<TRow>(IReadOnlyCollection<TRow> rows)
{
    private readonly List<object> _columns = [];

    public ColumnArrays<TRow> Column<TValue>(Func<TRow, TValue> value)
    {
        _columns.Add(rows.Select(value).ToArray());
        return this;
    }

    public NpgsqlBatchCommand Command(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var column in _columns) command.Parameters.Add(new NpgsqlParameter { Value = column });
        return command;
    }
}
