using System.Globalization;
using System.Security.Cryptography;
using Aksara.LocalDevelopment;

namespace Aksara.Testing;

/// <summary>
/// A real streaming standby of a <see cref="LocalClusterServer"/>: a base backup with <c>pg_basebackup -R</c> into a
/// folder beside the primary's, started on a free loopback port. It can be promoted; disposing it stops it and deletes
/// its folder (dispose it before the primary, whose folder holds it).
/// </summary>
public sealed class LocalStandby : IAsyncDisposable
{
    readonly PostgresBinaries _binaries;
    readonly PostgresCluster _cluster;
    readonly string _directory;
    bool _running = true;

    LocalStandby(PostgresBinaries binaries, PostgresCluster cluster, string directory, int port)
    {
        _binaries = binaries;
        _cluster = cluster;
        _directory = directory;
        Port = port;
    }

    public string Host => PostgresCluster.Host;

    public int Port { get; }

    /// <summary>The URL of <paramref name="database"/> on the standby.</summary>
    public string GetDatabaseUrl(string database) => $"postgresql://{PostgresCluster.Superuser}@{Host}:{Port}/{database}";

    public static async Task<LocalStandby> CreateAsync(LocalClusterServer primary, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetDirectoryName(primary.DataDirectory)!, "standby-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var binaries = await PostgresBinaries.LocateAsync(LocalPostgresCluster.BinarySearch, cancellationToken).ConfigureAwait(false);
        await PostgresCluster.CreateOwnedDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
        var backup = await binaries.RunAsync("pg_basebackup",
            ["-h", primary.Host, "-p", primary.Port.ToString(CultureInfo.InvariantCulture), "-U", primary.Username, "-D", directory,
             "-R", "-X", "stream", "-c", "fast", "--no-sync"],
            cancellationToken).ConfigureAwait(false);
        if (!backup.Succeeded)
            throw new AksaraException($"pg_basebackup of {primary} failed (exit code {backup.ExitCode}).{Environment.NewLine}{backup.Output}");
        var cluster = await PostgresCluster.LocateAsync(directory, directory + ".log", LocalPostgresCluster.ThrowawayOptions, cancellationToken).ConfigureAwait(false);
        await cluster.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var port = await cluster.StartAsync(0, cancellationToken).ConfigureAwait(false);
        return new LocalStandby(binaries, cluster, directory, port);
    }

    /// <summary>Makes the standby a primary (<c>pg_ctl promote</c>), waiting until it accepts writes.</summary>
    public async Task PromoteAsync(CancellationToken cancellationToken = default)
    {
        var result = await _binaries.RunAsync("pg_ctl", ["-D", _directory, "-w", "-t", "60", "promote"], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new AksaraException($"pg_ctl promote failed (exit code {result.ExitCode}).{Environment.NewLine}{result.Output}");
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_running)
            return;
        await _cluster.StopAsync(cancellationToken).ConfigureAwait(false);
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            LocalClusterServer.DeleteDirectory(_directory);
            File.Delete(_directory + ".log");
        }
    }
}
