using Aksara.LocalDevelopment;

namespace Aksara.Testing;

/// <summary>A throwaway cluster started by <see cref="LocalPostgresCluster"/>; disposing it stops it and deletes its folder.</summary>
public sealed class LocalClusterServer : ProvisionedServer
{
    readonly PostgresCluster _cluster;
    readonly string _ownedDirectory;
    bool _running = true;
    bool _disposed;

    internal LocalClusterServer(PostgresCluster cluster, int port, string ownedDirectory)
        : base(PostgresCluster.ConnectionStringBuilder(port).ConnectionString)
    {
        _cluster = cluster;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>The cluster's data directory, which also holds its Unix socket (when the path is short enough for one).</summary>
    public string DataDirectory => _cluster.DataDirectory;

    public string LogFile => _cluster.LogFile;

    public bool IsRunning => _running;

    public override async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_running)
            return;
        await _cluster.StartAsync(Port, cancellationToken).ConfigureAwait(false);
        _running = true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_running)
            return;
        await _cluster.StopAsync(cancellationToken).ConfigureAwait(false);
        _running = false;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            DeleteDirectory(_ownedDirectory);
        }
    }

    internal static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
