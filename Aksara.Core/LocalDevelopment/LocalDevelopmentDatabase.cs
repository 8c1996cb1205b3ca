using Aksara.LocalDevelopment;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aksara;

/// <summary>
/// A PostgreSQL cluster that belongs to one project: data in <c>.aksara/postgres</c> under the project root (ignored by
/// git), listening on a loopback port remembered in <c>.aksara/postgres.json</c>, trusting local connections. It runs
/// on its own (it survives the process that started it) until <see cref="StopAsync"/>. Needs the PostgreSQL server
/// binaries (<c>initdb</c>, <c>pg_ctl</c>) on this machine.
/// </summary>
public static class LocalDevelopmentDatabase
{
    public const string DirectoryName = ".aksara";

    /// <summary>
    /// Starts the project's cluster if it is not running (creating it on first use), creates <paramref name="databaseName"/>
    /// if missing, and returns its URL. The starter app calls this in Development when no <c>DATABASE_URL</c> is set.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="databaseName"/> is not a valid <see cref="DatabaseNames">name</see>.</exception>
    public static async Task<string> EnsureStartedAsync(string contentRoot, string databaseName, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        if (!DatabaseNames.IsValid(databaseName))
            throw new ArgumentException(DatabaseNames.Describe(databaseName, "database name"), nameof(databaseName));
        var (status, before) = await EnsureRunningAsync(contentRoot, cancellationToken).ConfigureAwait(false);
        var created = await EnsureDatabaseAsync(status, databaseName, cancellationToken).ConfigureAwait(false);
        var url = status.GetDatabaseUrl(databaseName);
        if (logger is not null)
        {
            var server = before switch
            {
                LocalDatabaseState.NotCreated => "Created and started",
                LocalDatabaseState.Stopped => "Started",
                _ => "Using the already running",
            };
            // The server outlives the app (it is started detached), so the operator needs to know how to stop it.
            logger.LogInformation(
                "{Server} the local development PostgreSQL of this project on 127.0.0.1:{Port}, data in {DataDirectory}; database {Database} ({Created}). " +
                "It keeps running after the app stops: stop it with `aksara db stop` in {ContentRoot}.",
                server, status.Port, status.DataDirectory, databaseName, created ? "created now" : "already there", Path.GetFullPath(contentRoot));
        }
        return url;
    }

    /// <summary>Starts the cluster, creating it on first use; does nothing when it already runs.</summary>
    public static async Task<LocalDatabaseStatus> StartAsync(string contentRoot, CancellationToken cancellationToken = default) =>
        (await EnsureRunningAsync(contentRoot, cancellationToken).ConfigureAwait(false)).Status;

    /// <returns>The running cluster, and its state before the call.</returns>
    private static async Task<(LocalDatabaseStatus Status, LocalDatabaseState Before)> EnsureRunningAsync(string contentRoot, CancellationToken cancellationToken)
    {
        var paths = new Paths(contentRoot);
        var current = await GetStatusAsync(contentRoot, cancellationToken).ConfigureAwait(false);
        if (current.State == LocalDatabaseState.Running)
            return (current, current.State);

        // Finds the binaries before anything is created, so that a machine without them is left as it was.
        var cluster = await PostgresCluster.LocateAsync(paths.DataDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
        CreateStateDirectory(paths);
        await cluster.InitializeAsync(cancellationToken).ConfigureAwait(false);
        // The remembered port keeps DATABASE_URL valid; a port taken meanwhile means a new one (and a new URL).
        var wanted = current.Port is { } remembered && PostgresCluster.IsFreeLoopbackPort(remembered) ? remembered : 0;
        var port = await cluster.StartAsync(wanted, cancellationToken).ConfigureAwait(false);
        new LocalDatabaseStateFile(port).Write(paths.StateFile);
        return (new LocalDatabaseStatus(LocalDatabaseState.Running, paths.DataDirectory, port), current.State);
    }

    /// <summary>Stops the cluster (fast shutdown: open sessions are disconnected); false when it was not running.</summary>
    public static async Task<bool> StopAsync(string contentRoot, CancellationToken cancellationToken = default)
    {
        var paths = new Paths(contentRoot);
        var status = await GetStatusAsync(contentRoot, cancellationToken).ConfigureAwait(false);
        if (status.State != LocalDatabaseState.Running)
            return false;
        var cluster = await PostgresCluster.LocateAsync(paths.DataDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
        await cluster.StopAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public static async Task<LocalDatabaseStatus> GetStatusAsync(string contentRoot, CancellationToken cancellationToken = default)
    {
        var paths = new Paths(contentRoot);
        if (!File.Exists(Path.Combine(paths.DataDirectory, "PG_VERSION")))
            return new LocalDatabaseStatus(LocalDatabaseState.NotCreated, paths.DataDirectory, null);
        var port = LocalDatabaseStateFile.Read(paths.StateFile)?.Port;
        var running = port is { } p && await IsOurServerAsync(p, paths.DataDirectory, cancellationToken).ConfigureAwait(false);
        return new LocalDatabaseStatus(running ? LocalDatabaseState.Running : LocalDatabaseState.Stopped, paths.DataDirectory, port);
    }

    /// <summary>Creates <paramref name="databaseName"/> on the running cluster; false when it already existed.</summary>
    internal static async Task<bool> EnsureDatabaseAsync(LocalDatabaseStatus status, string databaseName, CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(PostgresCluster.AdminConnectionString(status.Port!.Value));
        await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await DatabaseCreation.CreateIfMissingAsync(admin, databaseName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// True when the server on <paramref name="port"/> answers and serves this data directory — not another project's
    /// cluster that took the port while ours was stopped.
    /// </summary>
    private static async Task<bool> IsOurServerAsync(int port, string dataDirectory, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(PostgresCluster.AdminConnectionString(port, timeoutSeconds: 3));
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SHOW data_directory", connection);
            var served = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return served is not null && SamePath(served, dataDirectory);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }

    private static bool SamePath(string a, string b)
    {
        static string Normalize(string path)
        {
            var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
            return new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        return string.Equals(Normalize(a), Normalize(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static void CreateStateDirectory(Paths paths)
    {
        Directory.CreateDirectory(paths.StateDirectory);
        // Self-ignoring, so that a project without a .gitignore entry never commits a database.
        var gitignore = Path.Combine(paths.StateDirectory, ".gitignore");
        if (!File.Exists(gitignore))
            File.WriteAllText(gitignore, "# Created by Aksara: the local development database.\n*\n");
    }

    private sealed class Paths(string contentRoot)
    {
        public string StateDirectory { get; } = Path.Combine(Path.GetFullPath(contentRoot), DirectoryName);
        public string DataDirectory => Path.Combine(StateDirectory, "postgres");
        public string StateFile => Path.Combine(StateDirectory, "postgres.json");
    }
}
