using Aksara.Testing;

namespace Aksara.Benchmarks;

/// <summary>
/// What <c>http --scale-out</c> adds beside the benchmark's own cluster: a real streaming standby of it
/// (<c>pg_basebackup -R</c>) and Debian's PgBouncer in front of it in transaction mode, on loopback; both stopped by
/// their PIDs on dispose.
/// </summary>
internal sealed class ScaleOutServers : IAsyncDisposable
{
    private readonly LocalStandby _standby;
    private readonly LocalPgBouncer _bouncer;

    private ScaleOutServers(LocalStandby standby, LocalPgBouncer bouncer)
    {
        _standby = standby;
        _bouncer = bouncer;
    }

    /// <summary>The benchmark database on the standby.</summary>
    public string ReplicaUrl => _standby.GetDatabaseUrl(BenchmarkServer.DatabaseName);

    /// <summary>The benchmark database through PgBouncer.</summary>
    public string BouncerUrl => _bouncer.Url(BenchmarkServer.DatabaseName);

    public static async Task<ScaleOutServers> StartAsync(BenchmarkServer server)
    {
        var primary = server.Cluster ?? throw new InvalidOperationException(
            $"--scale-out starts a standby and a PgBouncer beside the benchmark's own cluster; unset {BenchmarkEnvironment.DatabaseUrlVariable}.");
        var standby = await LocalStandby.CreateAsync(primary);
        try
        {
            // As many server connections as each variant's pool may hold, so that the bouncer is not the narrower pipe.
            return new ScaleOutServers(standby, await LocalPgBouncer.StartAsync(primary, "transaction", BenchmarkEnvironment.PoolMaxSize));
        }
        catch
        {
            await standby.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _bouncer.DisposeAsync();
        await _standby.DisposeAsync();
    }
}
