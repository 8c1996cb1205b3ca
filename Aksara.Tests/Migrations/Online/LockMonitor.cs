using Aksara.Migrations.Running;
using Npgsql;

namespace Aksara.Tests.Migrations.Online;

/// <summary>
/// Samples, every few milliseconds, the locks other sessions of the database hold on its tables and the statement each
/// is running: what a migration holds while it builds or validates, read from <c>pg_locks</c> rather than guessed.
/// </summary>
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
        var command = new NpgsqlCommand(
            "SELECT l.mode, a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid JOIN pg_class c ON c.oid = l.relation "
            + "WHERE l.granted AND l.locktype = 'relation' AND c.relkind IN ('r', 'p') AND a.datname = current_database() AND NOT (l.pid = ANY ($1))",
            monitor.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (int[])[.. ignored, monitor.ProcessId] });
        monitor.Start(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                monitor._samples.Add((reader.GetString(0), reader.GetString(1)));
        }, TimeSpan.FromMilliseconds(3));
        return monitor;
    }
}
