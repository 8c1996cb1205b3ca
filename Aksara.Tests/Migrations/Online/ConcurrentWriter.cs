using Npgsql;

namespace Aksara.Tests.Migrations.Online;

/// <summary>
/// A second session writing into a table for as long as it runs, as an application would during a migration. Its
/// session's <c>lock_timeout</c> is the longest lock wait the test tolerates: a write that waits longer fails, and is
/// counted, instead of being timed by a clock on a noisy machine.
/// </summary>
internal sealed class ConcurrentWriter : IAsyncDisposable
{
    // Ends the loop even if a test forgets to stop it.
    private static readonly TimeSpan s_longestRun = TimeSpan.FromMinutes(2);

    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _failures = [];

    private ConcurrentWriter(NpgsqlConnection connection, string insert)
    {
        _connection = connection;
        _loop = Task.Run(() => LoopAsync(insert));
    }

    public int ProcessId => _connection.ProcessID;

    public int Writes { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    public static async Task<ConcurrentWriter> StartAsync(string connectionString, string insert, TimeSpan longestLockWait)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SET lock_timeout = '{(int)longestLockWait.TotalMilliseconds}ms'", connection))
            await set.ExecuteNonQueryAsync();
        return new ConcurrentWriter(connection, insert);
    }

    /// <summary>Stops writing and waits for the last write to end.</summary>
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

    private async Task LoopAsync(string insert)
    {
        var deadline = DateTime.UtcNow + s_longestRun;
        await using var command = new NpgsqlCommand(insert, _connection);
        while (!_stop.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                Writes++;
            }
            catch (PostgresException error)
            {
                _failures.Add($"{error.SqlState}: {error.MessageText}");
            }
            await Task.Delay(5);
        }
    }
}
