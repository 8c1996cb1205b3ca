using Aksara.Migrations.Scripts;
using DbUp.Engine.Output;
using Npgsql;

namespace Aksara.Migrations.Running;

/// <summary>
/// Runs the statements of one script (an up or a down) on a connection, in the caller's transaction or in autocommit,
/// and turns a failure into a <see cref="MigrationScriptException"/> that names the script's line. Before a
/// <c>CREATE INDEX CONCURRENTLY</c> it drops an INVALID index of the same name, the remains of a build that failed or
/// was interrupted, which <c>IF NOT EXISTS</c> would otherwise keep (an invalid unique index lets duplicates in).
/// </summary>
internal sealed class ScriptExecution(Func<string, IEnumerable<string>> split, int? timeoutSeconds, IUpgradeLog log)
{
    /// <summary>The statements of <paramref name="sql"/>, each placed in the script.</summary>
    public IReadOnlyList<ScriptStatement> Statements(string sql) => ScriptStatement.Locate(sql, split(sql));

    /// <param name="label">How the script is named in an error (<c>0002_x</c>, <c>0002_x.down.sql</c>).</param>
    /// <param name="consequence">What a failure leaves behind, given how many statements ran before it.</param>
    public void Run(NpgsqlConnection connection, NpgsqlTransaction? transaction, string label, string sql, Func<int, string> consequence)
    {
        var done = 0;
        foreach (var statement in Statements(sql))
        {
            try
            {
                if (transaction is null && ConcurrentIndexStatement.TryParse(statement.Code) is { IsDrop: false } build)
                    DropInvalidLeftover(connection, build, label);
                using var command = new NpgsqlCommand(statement.Sql, connection, transaction) { CommandTimeout = timeoutSeconds ?? 0 };
                command.ExecuteNonQuery();
            }
            catch (PostgresException error)
            {
                throw Failure(label, sql, statement, error, consequence(done));
            }
            done++;
        }
    }

    /// <summary>Runs a journal write; a PostgreSQL error there is reported like a failing script, never as raw protocol text.</summary>
    public static void Record(string label, Action write, string consequence)
    {
        try
        {
            write();
        }
        catch (PostgresException error)
        {
            throw new MigrationScriptException(label, null,
                $"{label}: writing the migration journal failed: {error.MessageText} (SQLSTATE {error.SqlState})" + Environment.NewLine + "  " + consequence, error);
        }
    }

    /// <summary>A journal write after a failure that is already being reported: its own failure must not hide that one.</summary>
    public static void TryRecord(Action write)
    {
        try
        {
            write();
        }
        catch (NpgsqlException)
        {
            // The row keeps its started/reverting state, and the next run asks for --resolve.
        }
    }

    private void DropInvalidLeftover(NpgsqlConnection connection, ConcurrentIndexStatement build, string label)
    {
        if (build.ReadState(connection) is not false)
            return;
        var index = build.QuotedIndex(connection);
        log.LogWarning("{0}: dropping the INVALID index {1} left by an earlier build before building it again", label, index);
        using var drop = new NpgsqlCommand($"DROP INDEX CONCURRENTLY IF EXISTS {index}", connection) { CommandTimeout = timeoutSeconds ?? 0 };
        drop.ExecuteNonQuery();
    }

    private static MigrationScriptException Failure(string label, string sql, ScriptStatement statement, PostgresException error, string consequence)
    {
        var line = statement.LineIn(sql, error.Position);
        var where = line is null ? "" : $" at line {line}";
        var message = $"{label} failed{where}: {error.MessageText} (SQLSTATE {error.SqlState})";
        if (error.Detail is { Length: > 0 } detail)
            message += Environment.NewLine + "  Detail: " + detail;
        if (error.Hint is { Length: > 0 } hint)
            message += Environment.NewLine + "  Hint: " + hint;
        if (line is { } number && sql.ReplaceLineEndings("\n").Split('\n') is { } lines && number <= lines.Length)
            message += Environment.NewLine + $"  {number,5} | {lines[number - 1]}";
        message += Environment.NewLine + "  " + consequence;
        return new MigrationScriptException(label, line, message, error);
    }

    /// <summary>The consequence of a failure in an up script.</summary>
    public static Func<int, string> UpConsequence(MigrationScript script) => done => script.RunsInTransaction
        ? "The script was rolled back and is not recorded as applied; nothing after it ran."
        : $"The script runs without a transaction ({ScriptDirectives.NoTransaction}): the {done} statement(s) before this one stay applied, and the script is not recorded as applied. "
          + "Make it safe to run again (IF NOT EXISTS / IF EXISTS) before retrying; an INVALID index left by CONCURRENTLY is dropped by the next run.";
}
