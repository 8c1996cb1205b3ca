using Aksara.Testing;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>
/// The PostgreSQL the launcher measures against: <c>AKSARA_BENCH_DATABASE_URL</c> when set (used as is, seeded),
/// otherwise a throwaway cluster from the local binaries (<see cref="LocalPostgresCluster"/>) with a fresh database.
/// </summary>
public sealed class BenchmarkServer : IAsyncDisposable
{
    internal const string DatabaseName = "aksara_bench";

    private readonly ProvisionedServer? _cluster;

    private BenchmarkServer(string databaseUrl, ProvisionedServer? cluster, string? socketDirectory)
    {
        DatabaseUrl = databaseUrl;
        _cluster = cluster;
        SocketDirectory = socketDirectory;
    }

    /// <summary>The seeded database, as a URL or an Npgsql keyword string.</summary>
    public string DatabaseUrl { get; }

    /// <summary>The throwaway cluster of our own; null when <c>AKSARA_BENCH_DATABASE_URL</c> gave the server.</summary>
    internal LocalClusterServer? Cluster => _cluster as LocalClusterServer;

    /// <summary>Where the server's Unix socket is, when known (a cluster of our own).</summary>
    public string? SocketDirectory { get; }

    /// <summary>Connection settings for the command-line tools (psql, pgbench).</summary>
    public NpgsqlConnectionStringBuilder Connection => global::Aksara.DatabaseUrl.Parse(DatabaseUrl).ToConnectionStringBuilder();

    public string Description => _cluster is null
        ? $"{BenchmarkEnvironment.DatabaseUrlVariable} ({MaskedUrl})"
        : $"a throwaway local cluster ({_cluster})";

    private string MaskedUrl => global::Aksara.DatabaseUrl.Parse(DatabaseUrl).ToMaskedString();

    public static async Task<BenchmarkServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(BenchmarkEnvironment.DatabaseUrlVariable) is { Length: > 0 } url)
        {
            await BenchmarkSeeder.SeedAsync(url, cancellationToken);
            return new BenchmarkServer(url, cluster: null, socketDirectory: Environment.GetEnvironmentVariable("AKSARA_BENCH_SOCKET_DIR"));
        }

        var cluster = await new LocalPostgresCluster().StartAsync(cancellationToken);
        try
        {
            await using (var admin = new NpgsqlConnection(cluster.ConnectionString))
            {
                await admin.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", admin);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            var databaseUrl = cluster.GetDatabaseUrl(DatabaseName);
            await BenchmarkSeeder.SeedAsync(databaseUrl, cancellationToken);
            var socket = cluster is LocalClusterServer local ? local.DataDirectory : null;
            return new BenchmarkServer(databaseUrl, cluster, socket);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<string> ServerVersionAsync()
    {
        await using var connection = new NpgsqlConnection(BenchmarkConnections.ConnectionString(DatabaseUrl));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version()", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The server settings that bear on the results, as <c>name=value</c> pairs.</summary>
    public async Task<string> ServerSettingsAsync()
    {
        await using var connection = new NpgsqlConnection(BenchmarkConnections.ConnectionString(DatabaseUrl));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings " +
            "WHERE name IN ('max_connections', 'shared_buffers', 'work_mem', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'max_wal_size', 'jit')",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => _cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}
