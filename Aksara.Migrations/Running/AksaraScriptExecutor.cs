using System.Data;
using System.Diagnostics;
using Aksara.Migrations.Scripts;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Engine.Transactions;
using Npgsql;

namespace Aksara.Migrations.Running;

/// <summary>
/// Runs one script: in a transaction of its own together with its journal row, or, when its header says
/// <c>-- aksara:no-transaction</c>, statement by statement in autocommit (what <c>CREATE INDEX CONCURRENTLY</c> needs).
/// The text runs exactly as written: DbUp's <c>$variable$</c> substitution is never applied, so dollar-quoted bodies survive.
/// </summary>
internal sealed class AksaraScriptExecutor(
    Func<IConnectionManager> connectionManager,
    Func<IUpgradeLog> log,
    AksaraJournal journal,
    Action<AppliedMigration>? onApplied) : IScriptExecutor
{
    public int? ExecutionTimeoutSeconds { get; set; }

    public void Execute(SqlScript script) => Execute(script, null);

    // Variables are deliberately ignored: substituting $name$ inside a script breaks dollar-quoted function bodies.
    public void Execute(SqlScript script, IDictionary<string, string>? variables)
    {
        var manager = connectionManager();
        var statements = ScriptStatement.Locate(script.Contents, manager.SplitScriptIntoCommands(script.Contents));
        var transactional = !ScriptDirectives.IsNoTransaction(script.Contents);
        log().LogInformation("Applying {0}{1}", script.Name, transactional ? "" : " (no transaction)");
        var stopwatch = Stopwatch.StartNew();

        manager.ExecuteCommandsWithManagedConnection(commandFactory =>
        {
            NpgsqlTransaction? transaction = null;
            if (transactional)
            {
                using var probe = commandFactory();
                transaction = ((NpgsqlConnection)probe.Connection!).BeginTransaction();
            }
            var done = 0;
            try
            {
                foreach (var statement in statements)
                {
                    Run(commandFactory, statement, script, transactional, done);
                    done++;
                }
                journal.Record(script, (int)Math.Min(int.MaxValue, stopwatch.ElapsedMilliseconds), commandFactory);
                transaction?.Commit();
            }
            catch
            {
                transaction?.Rollback();
                throw;
            }
            finally
            {
                transaction?.Dispose();
            }
        });
        onApplied?.Invoke(new AppliedMigration(script.Name, stopwatch.Elapsed));
    }

    public void VerifySchema()
    {
        // The journal creates its own table; the scripts create the schemas they use.
    }

    private void Run(Func<IDbCommand> commandFactory, ScriptStatement statement, SqlScript script, bool transactional, int done)
    {
        using var command = commandFactory();
        command.CommandText = statement.Sql;
        command.CommandTimeout = ExecutionTimeoutSeconds ?? 0;
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException error)
        {
            throw Failure(script, statement, error, transactional, done);
        }
    }

    private static MigrationScriptException Failure(SqlScript script, ScriptStatement statement, PostgresException error, bool transactional, int done)
    {
        var line = statement.LineIn(script.Contents, error.Position);
        var where = line is null ? "" : $" at line {line}";
        var message = $"{script.Name} failed{where}: {error.MessageText} (SQLSTATE {error.SqlState})";
        if (error.Detail is { Length: > 0 } detail)
            message += Environment.NewLine + "  Detail: " + detail;
        if (error.Hint is { Length: > 0 } hint)
            message += Environment.NewLine + "  Hint: " + hint;
        if (line is { } number && script.Contents.ReplaceLineEndings("\n").Split('\n') is { } lines && number <= lines.Length)
            message += Environment.NewLine + $"  {number,5} | {lines[number - 1]}";
        message += Environment.NewLine + (transactional
            ? "  The script was rolled back and is not recorded as applied; nothing after it ran."
            : $"  The script runs without a transaction ({ScriptDirectives.NoTransaction}): the {done} statement(s) before this one stay applied, and the script is not recorded as applied. "
              + "Make it safe to run again (IF NOT EXISTS / IF EXISTS; drop an INVALID index left by CONCURRENTLY) before retrying.");
        return new MigrationScriptException(script.Name, line, message, error);
    }
}
