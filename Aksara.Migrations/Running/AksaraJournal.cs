using System.Data;
using Aksara.Migrations.Ddl;
using Aksara.Migrations.Scripts;
using DbUp.Engine;
using DbUp.Engine.Transactions;
using Npgsql;

namespace Aksara.Migrations.Running;

/// <summary>
/// DbUp's journal kept in <c>aksara_migrations(name, checksum, applied_at, execution_ms)</c>. The checksum (SHA-256 of the
/// script) is what lets <c>migrate --check</c> notice a script edited after it was applied.
/// </summary>
internal sealed class AksaraJournal(Func<IConnectionManager> connectionManager, string schema = AksaraJournal.DefaultSchema, string table = AksaraJournal.DefaultTable)
    : IJournal
{
    public const string DefaultSchema = "public";
    public const string DefaultTable = "aksara_migrations";

    private readonly string _table = DdlQuoting.Quote(new Schema.QualifiedName(schema, table));
    private readonly string _regclass = DdlQuoting.Literal(DdlQuoting.Quote(new Schema.QualifiedName(schema, table)));

    public string TableName => $"{schema}.{table}";

    public string[] GetExecutedScripts() =>
        connectionManager().ExecuteCommandsWithManagedConnection(commandFactory =>
        {
            if (!TableExists(commandFactory))
                return Array.Empty<string>();
            using var command = commandFactory();
            command.CommandText = $"SELECT name FROM {_table} ORDER BY name";
            var names = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                names.Add(reader.GetString(0));
            return names.ToArray();
        });

    /// <summary>Records a script without running it (<c>--fake</c>); its execution time stays empty.</summary>
    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory) => Record(script, null, dbCommandFactory);

    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory)
    {
        if (TableExists(dbCommandFactory))
            return;
        using var command = dbCommandFactory();
        command.CommandText =
            $"""
            CREATE TABLE IF NOT EXISTS {_table} (
                name text NOT NULL PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                execution_ms integer
            )
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Inserts the journal row, on the connection (and so in the transaction) the script ran on.</summary>
    public void Record(SqlScript script, int? executionMs, Func<IDbCommand> dbCommandFactory)
    {
        EnsureTableExistsAndIsLatestVersion(dbCommandFactory);
        using var command = dbCommandFactory();
        command.CommandText = $"INSERT INTO {_table} (name, checksum, execution_ms) VALUES (@name, @checksum, @execution_ms)";
        AddParameter(command, "name", script.Name);
        AddParameter(command, "checksum", ScriptChecksum.Compute(script.Contents));
        AddParameter(command, "execution_ms", executionMs);
        command.ExecuteNonQuery();
    }

    /// <summary>Every row, oldest name first; empty when the table does not exist yet.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand($"SELECT to_regclass({_regclass}) IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                return [];
        }
        await using var command = new NpgsqlCommand($"SELECT name, checksum, applied_at, execution_ms FROM {_table} ORDER BY name", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new JournalEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                await reader.IsDBNullAsync(3, cancellationToken).ConfigureAwait(false) ? null : reader.GetInt32(3)));
        }
        return entries;
    }

    private bool TableExists(Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        command.CommandText = $"SELECT to_regclass({_regclass}) IS NOT NULL";
        return command.ExecuteScalar() is true;
    }

    private static void AddParameter(IDbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
            parameter.DbType = DbType.Int32;
        command.Parameters.Add(parameter);
    }
}
