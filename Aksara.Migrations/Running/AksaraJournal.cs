using System.Data;
using Aksara.Migrations.Ddl;
using Aksara.Migrations.Scripts;
using DbUp.Engine;
using Npgsql;

namespace Aksara.Migrations.Running;

/// <summary>
/// The journal, <c>aksara_migrations(module, name, checksum, applied_at, execution_ms, down_checksum, state)</c>, keyed by
/// module and name (the application's own rows have the module <c>''</c>; see <see cref="MigrationName"/>). The checksums
/// (SHA-256 of the up and the down script) let <c>migrate --check</c> notice a script edited after it was applied; the
/// state keeps track of scripts that run without a transaction (<see cref="JournalRowState"/>). A journal written by an
/// older version gains the new columns (and the key on module and name) the next time a run writes to it.
/// </summary>
internal sealed class AksaraJournal : IJournal
{
    public const string DefaultSchema = "public";
    public const string DefaultTable = "aksara_migrations";

    private readonly string _schema;
    private readonly string _table;
    private readonly string _regclass;
    private readonly Func<string, MigrationScript?> _scripts;

    public AksaraJournal(Func<string, MigrationScript?> scripts, string schema = DefaultSchema, string table = DefaultTable)
    {
        _scripts = scripts;
        _schema = schema;
        _table = DdlQuoting.Quote(new Schema.QualifiedName(schema, table));
        _regclass = DdlQuoting.Literal(_table);
        TableName = $"{schema}.{table}";
    }

    public string TableName { get; }

    /// <summary>Every row, oldest name first; empty when the table does not exist yet.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand($"SELECT to_regclass({_regclass}) IS NOT NULL", connection))
        {
            try
            {
                if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                    return [];
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw NoAccess("read", ex);
            }
        }
        // SELECT * so that a journal of an older version (without down_checksum, state or module) reads too, without altering it.
        await using var command = new NpgsqlCommand($"SELECT * FROM {_table}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i, StringComparer.Ordinal);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var module = columns.TryGetValue("module", out var moduleColumn) ? reader.GetString(moduleColumn) : MigrationName.App;
            entries.Add(new JournalEntry(
                MigrationName.Qualify(module, reader.GetString(columns["name"])),
                reader.GetString(columns["checksum"]),
                reader.GetFieldValue<DateTimeOffset>(columns["applied_at"]),
                reader.IsDBNull(columns["execution_ms"]) ? null : reader.GetInt32(columns["execution_ms"]),
                columns.TryGetValue("down_checksum", out var down) && !reader.IsDBNull(down) ? reader.GetString(down) : null,
                columns.TryGetValue("state", out var state) ? StateOf(reader.GetString(state)) : JournalRowState.Applied));
        }
        return entries.OrderBy(entry => entry.Name, MigrationFile.NameOrder).ToList();
    }

    /// <summary>
    /// Creates the table, or adds the columns a journal of an older version lacks. A journal that has them is left alone:
    /// ALTER TABLE needs its owner (a role granted only the rows must still be able to migrate) and locks the journal
    /// exclusively even when there is nothing to add.
    /// </summary>
    public void EnsureTable(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        using (var current = new NpgsqlCommand(
            $"SELECT count(*) = 3 FROM pg_attribute WHERE attrelid = to_regclass({_regclass}) AND attname IN ('down_checksum', 'state', 'module') AND NOT attisdropped",
            connection, transaction))
        {
            if ((bool)current.ExecuteScalar()!)
                return;
        }
        CreateOrUpgrade(connection, transaction);
    }

    private void CreateOrUpgrade(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        try
        {
            Execute(connection, transaction,
                $"""
                {Ddl.PostgresDdlWriter.CreateSchemaStatement(_schema)}
                CREATE TABLE IF NOT EXISTS {_table} (
                    module text NOT NULL DEFAULT '',
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    execution_ms integer,
                    PRIMARY KEY (module, name)
                );
                ALTER TABLE {_table} ADD COLUMN IF NOT EXISTS down_checksum text, ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT 'applied',
                    ADD COLUMN IF NOT EXISTS module text NOT NULL DEFAULT ''
                """);
            KeyByModuleAndName(connection, transaction);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw NoAccess("created", ex);
        }
    }

    /// <summary>
    /// A journal of an older version is keyed by name alone, and two modules may both have a <c>0001_initial</c>: its
    /// primary key moves to (module, name), keeping the constraint's name. Its rows are the application's (module <c>''</c>).
    /// </summary>
    private void KeyByModuleAndName(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        string? nameOnlyKey;
        using (var key = new NpgsqlCommand(
            $"""
            SELECT c.conname FROM pg_constraint c
            WHERE c.conrelid = to_regclass({_regclass}) AND c.contype = 'p'
              AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) AND a.attname = 'module')
            """, connection, transaction))
        {
            nameOnlyKey = key.ExecuteScalar() as string;
        }
        if (nameOnlyKey is null)
            return;
        var constraint = DdlQuoting.Quote(nameOnlyKey);
        Execute(connection, transaction, $"ALTER TABLE {_table} DROP CONSTRAINT {constraint}, ADD CONSTRAINT {constraint} PRIMARY KEY (module, name)");
    }

    private AksaraException NoAccess(string what, PostgresException ex) => new(
        $"The migrations journal {TableName} cannot be {what}: {ex.MessageText}. Keep it in a schema the migrating role owns " +
        "(Aksara:Migrations:Schema or AKSARA_MIGRATIONS_SCHEMA, e.g. the application's own schema), or have the schema's owner create it once.", ex);

    /// <summary>Inserts the row of <paramref name="script"/>, on the connection (and so in the transaction) the script ran on.</summary>
    public void Insert(NpgsqlConnection connection, NpgsqlTransaction? transaction, MigrationScript script, int? executionMs, JournalRowState state)
    {
        EnsureTable(connection, transaction);
        var (module, name) = MigrationName.Split(script.Name);
        Execute(connection, transaction,
            $"INSERT INTO {_table} (module, name, checksum, execution_ms, down_checksum, state) VALUES ($1, $2, $3, $4, $5, $6)",
            module, name, script.Checksum, executionMs, script.DownChecksum, Text(state));
    }

    /// <summary>Marks a started (or reverting) row applied again; <paramref name="executionMs"/> null keeps the recorded time.</summary>
    public void MarkApplied(NpgsqlConnection connection, string name, int? executionMs) => Execute(connection, null,
        $"UPDATE {_table} SET state = 'applied', execution_ms = coalesce($3, execution_ms) WHERE module = $1 AND name = $2", [.. Key(name), executionMs]);

    public void MarkReverting(NpgsqlConnection connection, string name) =>
        Execute(connection, null, $"UPDATE {_table} SET state = 'reverting' WHERE module = $1 AND name = $2", Key(name));

    public void Delete(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name) =>
        Execute(connection, transaction, $"DELETE FROM {_table} WHERE module = $1 AND name = $2", Key(name));

    private static object?[] Key(string qualifiedName)
    {
        var (module, name) = MigrationName.Split(qualifiedName);
        return [module, name];
    }

    // The runner reads the journal under the migration lock and hands DbUp only the scripts to run, so there is nothing to filter out.
    string[] IJournal.GetExecutedScripts() => [];

    /// <summary>Records a script without running it (<c>--fake</c>); its execution time stays empty.</summary>
    void IJournal.StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        var connection = (NpgsqlConnection)command.Connection!;
        Insert(connection, null, _scripts(script.Name) ?? new MigrationScript(script.Name, script.Contents, null), null, JournalRowState.Applied);
    }

    void IJournal.EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        EnsureTable((NpgsqlConnection)command.Connection!);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] values)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Unknown } : new NpgsqlParameter { Value = value });
        command.ExecuteNonQuery();
    }

    private static string Text(JournalRowState state) => state.ToString().ToLowerInvariant();

    private static JournalRowState StateOf(string text) => text switch
    {
        "started" => JournalRowState.Started,
        "reverting" => JournalRowState.Reverting,
        _ => JournalRowState.Applied,
    };
}
