using Aksara.Diagnostics;
using System.Diagnostics;
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
internal sealed class ScriptExecution(Func<string, IEnumerable<string>> split, int? timeoutSeconds, IUpgradeLog log, LockRetryPolicy locks)
{
    /// <summary>The statements of <paramref name="sql"/>, each placed in the script.</summary>
    public IReadOnlyList<ScriptStatement> Statements(string sql) => ScriptStatement.Locate(sql, split(sql));

    /// <param name="label">How the script is named in an error (<c>0002_x</c>, <c>0002_x.down.sql</c>).</param>
    /// <param name="consequence">What a failure leaves behind, given how many statements ran before it.</param>
    /// <param name="startAt">The first statement to run: a script without a transaction resumes where a lock wait stopped it.</param>
    public void Run(NpgsqlConnection connection, NpgsqlTransaction? transaction, string label, string sql, Func<int, string> consequence, int startAt = 0)
    {
        var timeouts = new StatementTimeouts(connection, transaction);
        var done = startAt;
        try
        {
            foreach (var statement in Statements(sql).Skip(startAt))
            {
                var longByDesign = LockRetryPolicy.IsLongByDesign(statement.Code);
                try
                {
                    timeouts.Apply(locks.LockTimeoutFor(statement.Code), unlimitedStatement: longByDesign);
                    if (transaction is null && ConcurrentIndexStatement.TryParse(statement.Code) is { IsDrop: false } build)
                        DropInvalidLeftover(connection, build, label);
                    // Without the comments before it: pg_stat_activity (and an operator looking at blockers) shows the statement itself.
                    if (statement.Code.Length > 0)
                    {
                        using var command = new NpgsqlCommand(statement.Code, connection, transaction) { CommandTimeout = longByDesign ? 0 : timeoutSeconds ?? 0 };
                        command.ExecuteNonQuery();
                    }
                }
                catch (PostgresException error) when (LockRetryPolicy.IsLockTimeout(error))
                {
                    throw new LockWaitFailure(statement, done, consequence(done), Failure(label, sql, statement, error, consequence(done)));
                }
                catch (PostgresException error)
                {
                    throw Failure(label, sql, statement, error, consequence(done));
                }
                done++;
            }
        }
        finally
        {
            // In a transaction SET LOCAL ends with it; a session setting would stay on the pooled connection.
            if (transaction is null && connection.State == System.Data.ConnectionState.Open)
                ScriptExecution.TryRecord(timeouts.ResetSession);
        }
    }

    /// <summary>Runs one script inside its span (<c>migrate name</c> / <c>revert name</c>), recording its duration and outcome.</summary>
    public static AppliedMigration Traced(string name, bool down, string? database, Func<AppliedMigration> run)
    {
        using var activity = Telemetry.StartMigration(name, down, database);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var ran = run();
            Telemetry.MigrationRan(activity, name, down, database, stopwatch.Elapsed, null);
            return ran;
        }
        catch (Exception ex)
        {
            Telemetry.MigrationRan(activity, name, down, database, stopwatch.Elapsed, ex);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (given the statement to start at) until it does not stop on a lock timeout, or the
    /// attempts are used up. A script in a transaction was rolled back when its attempt threw, so it starts over. A script
    /// without one resumes at the statement that waited: a statement that fails is undone entirely by PostgreSQL (autocommit),
    /// and the ones before it are committed, so running from it again is the run that would have happened without the wait.
    /// Before each retry, the sessions holding locks on the statement's table are logged; the last failure names them.
    /// </summary>
    public void WithLockRetries(NpgsqlConnection connection, string label, Action<int> attempt, Action<DdlLockRetry>? onRetry)
    {
        var startAt = 0;
        for (var number = 1; ; number++)
        {
            try
            {
                attempt(startAt);
                return;
            }
            catch (LockWaitFailure waited)
            {
                Telemetry.MigrationLockWaited(label, connection.Database);
                var blockers = LockBlockers.Describe(LockBlockers.Find(connection, waited.Statement.Code));
                var table = LockBlockers.Target(waited.Statement.Code);
                if (number >= locks.Attempts)
                {
                    var consequence = waited.Done == 0 ? $"nothing of {label} was applied." : waited.Consequence;
                    throw new MigrationScriptException(label, waited.Failure.Line,
                        $"{label} could not take the lock on {table} within {LockRetryPolicy.Display(locks.LockTimeout)} after {locks.Attempts} attempt{(locks.Attempts == 1 ? "" : "s")}; {blockers}. "
                        + $"Wait for it to finish{Terminate(blockers, waited)}; {Lower(consequence)}",
                        (PostgresException)waited.Failure.InnerException!);
                }
                var delay = locks.DelayBefore(number + 1);
                var retry = new DdlLockRetry(label, number, locks.Attempts, delay,
                    $"{label}: attempt {number} of {locks.Attempts} could not take the lock on {table} within {LockRetryPolicy.Display(locks.LockTimeout)}; {blockers}. Retrying in {LockRetryPolicy.Display(delay)}.");
                log.LogWarning("{0}", retry.Message);
                onRetry?.Invoke(retry);
                startAt = waited.Done;
                Thread.Sleep(delay);
            }
        }
    }

    private static string Terminate(string blockers, LockWaitFailure waited) =>
        System.Text.RegularExpressions.Regex.Match(blockers, @"pid (\d+)") is { Success: true } pid
            ? $" or end it with SELECT pg_terminate_backend({pid.Groups[1].Value})"
            : " (see pg_locks and pg_stat_activity)";

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

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

    /// <summary>A statement gave up waiting for a lock: the retry loop decides whether this is the end.</summary>
    private sealed class LockWaitFailure(ScriptStatement statement, int done, string consequence, MigrationScriptException failure) : Exception(failure.Message, failure)
    {
        /// <summary>What the failure leaves behind, as the script's usual error would say it.</summary>
        public string Consequence { get; } = consequence;

        public ScriptStatement Statement { get; } = statement;

        /// <summary>How many statements ran (and, without a transaction, committed) before this one.</summary>
        public int Done { get; } = done;

        public MigrationScriptException Failure { get; } = failure;
    }

    /// <summary>
    /// The lock and statement timeouts of the connection, changed only when a statement needs other values than the one
    /// before: <c>SET LOCAL</c> in a transaction, a session <c>SET</c> otherwise (reset by <see cref="ResetSession"/>).
    /// </summary>
    private sealed class StatementTimeouts(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        private TimeSpan? _lockTimeout;
        private bool _statementUnlimited;
        private bool _changed;

        public void Apply(TimeSpan lockTimeout, bool unlimitedStatement)
        {
            var scope = transaction is null ? "" : " LOCAL";
            if (_lockTimeout != lockTimeout)
                Execute($"SET{scope} lock_timeout = '{LockRetryPolicy.Setting(lockTimeout)}'");
            _lockTimeout = lockTimeout;
            if (_statementUnlimited != unlimitedStatement)
                Execute(unlimitedStatement ? $"SET{scope} statement_timeout = 0" : $"SET{scope} statement_timeout TO DEFAULT");
            _statementUnlimited = unlimitedStatement;
        }

        public void ResetSession()
        {
            if (_changed)
                Execute("RESET lock_timeout; RESET statement_timeout");
            _changed = false;
        }

        private void Execute(string sql)
        {
            _changed = true;
            using var command = new NpgsqlCommand(sql, connection, transaction);
            command.ExecuteNonQuery();
        }
    }
}
