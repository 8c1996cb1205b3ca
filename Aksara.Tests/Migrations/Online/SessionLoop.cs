using Npgsql;

namespace Aksara.Tests.Migrations.Online;

/// <summary>A session of its own doing one thing over and over in the background until it is stopped, or at most two minutes.</summary>
internal abstract class SessionLoop : IAsyncDisposable
{
    private static readonly TimeSpan s_longestRun = TimeSpan.FromMinutes(2);

    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    protected SessionLoop(NpgsqlConnection connection) => Connection = connection;

    protected NpgsqlConnection Connection { get; }

    public int ProcessId => Connection.ProcessID;

    /// <summary>Stops the loop and waits for its last round to end.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        await Connection.DisposeAsync();
        _stop.Dispose();
    }

    protected void Start(Func<Task> round, TimeSpan pause) => _loop = Task.Run(async () =>
    {
        var deadline = DateTime.UtcNow + s_longestRun;
        while (!_stop.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            await round();
            await Task.Delay(pause);
        }
    });

    protected static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
