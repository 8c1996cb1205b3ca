using System.Diagnostics;
using Aksara.Migrations.Scripts;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Engine.Transactions;
using Npgsql;

namespace Aksara.Migrations.Running;

/// <summary>
/// DbUp's seam for running one up script: in a transaction of its own together with its journal row, or, when its header
/// says <c>-- aksara:no-transaction</c>, statement by statement in autocommit (what <c>CREATE INDEX CONCURRENTLY</c>
/// needs), between a journal row marked started and the same row marked applied. The text runs exactly as written:
/// DbUp's <c>$variable$</c> substitution is never applied, so dollar-quoted bodies survive.
/// </summary>
internal sealed class AksaraScriptExecutor(
    Func<IConnectionManager> connectionManager,
    Func<IUpgradeLog> log,
    AksaraJournal journal,
    IReadOnlyDictionary<string, MigrationScript> scripts,
    Action<AppliedMigration>? onApplied) : IScriptExecutor
{
    public int? ExecutionTimeoutSeconds { get; set; }

    public LockRetryPolicy DdlLocks { get; set; } = new(LockRetryPolicy.DefaultLockTimeout, LockRetryPolicy.DefaultAttempts);

    public Action<DdlLockRetry>? OnDdlLockRetry { get; set; }

    public void Execute(SqlScript script) => Execute(script, null);

    /// <summary>The database's name, for the migration spans.</summary>
    public string? Database { get; set; }

    // Variables are deliberately ignored: substituting $name$ inside a script breaks dollar-quoted function bodies.
    public void Execute(SqlScript script, IDictionary<string, string>? variables) =>
        onApplied?.Invoke(ScriptExecution.Traced(script.Name, down: false, Database, () => Apply(script)));

    private AppliedMigration Apply(SqlScript script)
    {
        var manager = connectionManager();
        var migration = scripts[script.Name];
        var execution = new ScriptExecution(manager.SplitScriptIntoCommands, ExecutionTimeoutSeconds, log(), DdlLocks);
        log().LogInformation("Applying {0}{1}", script.Name, migration.RunsInTransaction ? "" : " (no transaction)");
        var stopwatch = Stopwatch.StartNew();
        var consequence = ScriptExecution.UpConsequence(migration);

        manager.ExecuteCommandsWithManagedConnection(commandFactory =>
        {
            using var probe = commandFactory();
            var connection = (NpgsqlConnection)probe.Connection!;
            if (migration.RunsInTransaction)
            {
                // A lock timeout rolls the attempt back (the transaction is disposed) before the next one begins.
                execution.WithLockRetries(connection, migration.Name, _ =>
                {
                    using var transaction = connection.BeginTransaction();
                    execution.Run(connection, transaction, migration.Name, migration.Up, consequence);
                    ScriptExecution.Record(migration.Name, () =>
                    {
                        journal.Insert(connection, transaction, migration, Elapsed(stopwatch), JournalRowState.Applied);
                        transaction.Commit();
                    }, consequence(0));
                }, OnDdlLockRetry);
                return;
            }

            ScriptExecution.Record(migration.Name, () => journal.Insert(connection, null, migration, null, JournalRowState.Started),
                "Nothing of the script ran.");
            try
            {
                execution.WithLockRetries(connection, migration.Name,
                    startAt => execution.Run(connection, null, migration.Name, migration.Up, consequence, startAt), OnDdlLockRetry);
            }
            catch (MigrationScriptException)
            {
                // The outcome is known (what ran before the failing statement stays): the row must not claim a run in progress.
                // If even that write fails, the statement's error is still the one to report; the row then asks for --resolve.
                ScriptExecution.TryRecord(() => journal.Delete(connection, null, migration.Name));
                throw;
            }
            ScriptExecution.Record(migration.Name, () => journal.MarkApplied(connection, migration.Name, Elapsed(stopwatch)),
                $"Every statement ran, but the journal still says it started: run `aksara migrate --resolve {migration.Name} --applied`.");
        });
        return new AppliedMigration(script.Name, stopwatch.Elapsed);
    }

    public void VerifySchema()
    {
        // The journal creates its own table; the scripts create the schemas they use.
    }

    private static int Elapsed(Stopwatch stopwatch) => (int)Math.Min(int.MaxValue, stopwatch.ElapsedMilliseconds);
}
