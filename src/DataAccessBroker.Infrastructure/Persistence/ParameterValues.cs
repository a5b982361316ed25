using Npgsql;

namespace DataAccessBroker.Infrastructure.Persistence;

internal static class ParameterValues
{
    /// <summary>Adds positional parameters ($1, $2 …) in order; null becomes SQL NULL.</summary>
    public static void AddValues(this NpgsqlParameterCollection parameters, params object?[] values)
    {
        foreach (var value in values) parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
    }

    /// <summary>A statement for a batch, with its positional parameters.</summary>
    public static NpgsqlBatchCommand Statement(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddValues(values);
        return command;
    }
}
