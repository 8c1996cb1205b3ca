using Aksara.Migrations.Running;
using Npgsql;

namespace Aksara.Tests.Migrations.Online;

/// <summary>
/// Samples, every few milliseconds, the locks other sessions of the database hold on its tables and the statement each
/// is running: what a migration holds while it builds or validates, read from <c>pg_locks</c> rather than guessed.
/// </summary>
/// <remarks>
/// <c>pg_stat_activity</c> and <c>pg_locks</c> are not read at one instant, so a lock taken by the statement after a
/// validation could be paired with the validation's text. Each round therefore reads the statements, then the locks, then
/// the statements again, each in a transaction of its own (the activity view is a snapshot per transaction), and keeps a
/// lock only where the same statement was running before and after it was seen.
/// </remarks>
internal sealed class LockMonitor : SessionLoop
{
    private static readonly HashSet<string> s_blockWrites = new(StringComparer.Ordinal) { "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock" };

    private readonly List<(string Mode, string Query)> _samples = [];

    private LockMonitor(NpgsqlConnection connection) : base(connection) { }

    /// <summary>The locks seen while a concurrent build or a validation ran: the statements that take long by design.</summary>
    public IReadOnlyList<(string Mode, string Query)> DuringLongStatements =>
        _samples.Where(sample => LockRetryPolicy.IsLongByDesign(sample.Query)).ToList();

    /// <summary>Those of <see cref="DuringLongStatements"/> whose mode makes an INSERT wait.</summary>
    public IReadOnlyList<(string Mode, string Query)> BlockingWritesDuringLongStatements =>
        DuringLongStatements.Where(sample => s_blockWrites.Contains(sample.Mode)).ToList();

    /// <param name="ignored">Sessions of the test itself (the writer), whose locks are not the migration's.</param>
    public static async Task<LockMonitor> StartAsync(string connectionString, params int[] ignored)
    {
        var monitor = new LockMonitor(await OpenAsync(connectionString));
        var others = (int[])[.. ignored, monitor.ProcessId];
        var statements = Command(monitor.Connection, others,
            "SELECT pid, query, query_start FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND NOT (pid = ANY ($1))");
        var locks = Command(monitor.Connection, others,
            "SELECT l.pid, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_database d ON d.oid = l.database "
            + "WHERE l.granted AND l.locktype = 'relation' AND c.relkind IN ('r', 'p') AND d.datname = current_database() AND NOT (l.pid = ANY ($1))");
        monitor.Start(async () =>
        {
            var before = await RunningAsync(statements);
            var held = new List<(int Pid, string Mode)>();
            await using (var reader = await locks.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    held.Add((reader.GetInt32(0), reader.GetString(1)));
            var after = await RunningAsync(statements);
            foreach (var (pid, mode) in held)
                if (before.TryGetValue(pid, out var running) && after.TryGetValue(pid, out var still) && running == still)
                    monitor._samples.Add((mode, running.Query));
        }, TimeSpan.FromMilliseconds(3));
        return monitor;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, int[] others, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = others });
        return command;
    }

    private static async Task<Dictionary<int, (string Query, DateTime Started)>> RunningAsync(NpgsqlCommand statements)
    {
        var running = new Dictionary<int, (string, DateTime)>();
        await using var reader = await statements.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            running[reader.GetInt32(0)] = (reader.GetString(1), reader.GetDateTime(2));
        return running;
    }
}
