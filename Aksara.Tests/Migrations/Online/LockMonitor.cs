using Aksara.Migrations.Running;
using Npgsql;

namespace Aksara.Tests.Migrations.Online;

/// <summary>
/// Samples, every few milliseconds, the locks other sessions of the database hold on a table and the statement each is
/// running: what a migration holds while it builds or validates, read from <c>pg_locks</c> rather than guessed.
/// </summary>
internal sealed class LockMonitor : IAsyncDisposable
{
    private static readonly TimeSpan s_longestRun = TimeSpan.FromMinutes(2);
    private static readonly HashSet<string> s_blockWrites = new(StringComparer.Ordinal) { "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock" };

    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(string Mode, string Query)> _samples = [];

    private LockMonitor(NpgsqlConnection connection, string table, IReadOnlyList<int> ignored)
    {
        _connection = connection;
        _loop = Task.Run(() => LoopAsync(table, ignored));
    }

    /// <summary>The locks seen while a concurrent build or a validation ran: the statements that take long by design.</summary>
    public IReadOnlyList<(string Mode, string Query)> DuringLongStatements =>
        _samples.Where(sample => LockRetryPolicy.IsLongByDesign(sample.Query)).ToList();

    /// <summary>Those of <see cref="DuringLongStatements"/> whose mode makes an INSERT wait.</summary>
    public IReadOnlyList<(string Mode, string Query)> BlockingWritesDuringLongStatements =>
        DuringLongStatements.Where(sample => s_blockWrites.Contains(sample.Mode)).ToList();

    /// <param name="ignored">Sessions of the test itself (the writer), whose locks are not the migration's.</param>
    public static async Task<LockMonitor> StartAsync(string connectionString, string table, params int[] ignored)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new LockMonitor(connection, table, [.. ignored, connection.ProcessID]);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(string table, IReadOnlyList<int> ignored)
    {
        var deadline = DateTime.UtcNow + s_longestRun;
        await using var command = new NpgsqlCommand(
            "SELECT l.mode, a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            + "WHERE l.granted AND l.locktype = 'relation' AND l.relation = to_regclass($1) AND a.datname = current_database() AND NOT (l.pid = ANY ($2))",
            _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        command.Parameters.Add(new NpgsqlParameter { Value = ignored.ToArray() });
        while (!_stop.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    _samples.Add((reader.GetString(0), reader.GetString(1)));
            }
            await Task.Delay(3);
        }
    }
}
