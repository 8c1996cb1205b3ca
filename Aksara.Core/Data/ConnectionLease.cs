using Npgsql;

namespace Aksara.Data;

/// <summary>A connection borrowed for one operation: from the pool (returned afterwards) or a transaction's (left open).</summary>
internal readonly struct ConnectionLease(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool ownsConnection) : IAsyncDisposable
{
    public NpgsqlConnection Connection { get; } = connection;
    public NpgsqlTransaction? Transaction { get; } = transaction;

    /// <summary>The one way Aksara makes a command: on this connection, in its transaction.</summary>
    public NpgsqlCommand CreateCommand(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>A command with parameters made before the connection was taken (so a value that cannot be stored fails first).</summary>
    public NpgsqlCommand CreateCommand(string sql, NpgsqlParameter[] parameters)
    {
        var command = CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(parameter);
        return command;
    }

    public ValueTask DisposeAsync() => ownsConnection ? Connection.DisposeAsync() : ValueTask.CompletedTask;
}
