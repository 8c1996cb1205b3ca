using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Aksara.Provisioning;

/// <summary>
/// Provisions PostgreSQL with the server binaries installed on this machine (initdb, pg_ctl),
/// listening on loopback only and trusting local connections.
/// </summary>
/// <remarks>
/// A throwaway cluster lives in a new temporary directory that disposing the server deletes.
/// A persistent cluster (local development) keeps its data directory: it is initialized on
/// first use and simply started afterwards. When the current process is root, the binaries
/// run as the <c>postgres</c> OS user, because PostgreSQL refuses to run as root.
/// </remarks>
public sealed class LocalPostgresCluster : IPostgresProvisioner
{
    const string Superuser = "postgres";

    readonly string? _dataDirectory;
    readonly int _port;
    readonly PostgresBinarySearch _search;
    readonly string? _throwawayParent;

    /// <summary>A throwaway cluster on a free loopback port.</summary>
    public LocalPostgresCluster() : this(null, 0, PostgresBinarySearch.Default) { }

    /// <summary>A persistent cluster in <paramref name="dataDirectory"/>, e.g. <c>.aksara/postgres</c>.</summary>
    /// <param name="port">0 picks a free port at each start.</param>
    public LocalPostgresCluster(string dataDirectory, int port = 0)
        : this(Path.GetFullPath(dataDirectory), port, PostgresBinarySearch.Default)
    {
    }

    /// <param name="throwawayParent">Where a throwaway cluster makes its folder (default: the temp folder); tests pass one of their own.</param>
    internal LocalPostgresCluster(string? dataDirectory, int port, PostgresBinarySearch search, string? throwawayParent = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        // pg_ctl hands the data directory and log file to /bin/sh inside double quotes.
        if (dataDirectory is not null && dataDirectory.IndexOfAny(['"', '$', '`', '\\']) >= 0 && !OperatingSystem.IsWindows())
            throw new AksaraException($"The PostgreSQL data directory '{dataDirectory}' must not contain \", $, ` or \\.");
        _dataDirectory = dataDirectory;
        _port = port;
        _search = search;
        _throwawayParent = throwawayParent;
    }

    /// <summary>Null for a throwaway cluster.</summary>
    public string? DataDirectory => _dataDirectory;

    public async Task<ProvisionedServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = await PostgresBinaries.LocateAsync(_search, cancellationToken).ConfigureAwait(false);

        string? throwawayRoot = null;
        try
        {
            if (_dataDirectory is null)
            {
                throwawayRoot = NewThrowawayRootPath(_throwawayParent);
                await CreateOwnedDirectoryAsync(throwawayRoot, cancellationToken).ConfigureAwait(false);
            }
            var dataDirectory = _dataDirectory ?? Path.Combine(throwawayRoot!, "data");
            var logFile = throwawayRoot is null ? dataDirectory + ".log" : Path.Combine(throwawayRoot, "postgres.log");

            if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
            {
                await CreateOwnedDirectoryAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
                await InitDbAsync(binaries, dataDirectory, throwaway: throwawayRoot is not null, cancellationToken).ConfigureAwait(false);
            }
            await CreateOwnedLogFileAsync(logFile, cancellationToken).ConfigureAwait(false);

            // Another process may take the free port between our probe and the server's bind.
            for (var attempt = 1; ; attempt++)
            {
                var server = new LocalClusterServer(
                    binaries, dataDirectory, logFile, _port != 0 ? _port : FindFreeLoopbackPort(),
                    throwaway: throwawayRoot is not null, ownedDirectory: throwawayRoot);
                if (await server.TryStartAsync(cancellationToken).ConfigureAwait(false))
                    return server;
                if (_port != 0 || attempt == 3)
                    throw new AksaraException($"PostgreSQL could not listen on 127.0.0.1:{server.Port}: the port is in use.");
            }
        }
        catch when (throwawayRoot is not null)
        {
            LocalClusterServer.DeleteDirectory(throwawayRoot);
            throw;
        }
    }

    static async Task InitDbAsync(PostgresBinaries binaries, string dataDirectory, bool throwaway, CancellationToken cancellationToken)
    {
        // C.UTF-8 sorts by code point like C but keeps UTF-8 character classes; older
        // systems (and macOS) lack it, and C is always there.
        var result = await RunInitDb("C.UTF-8").ConfigureAwait(false);
        if (!result.Succeeded && result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
            result = await RunInitDb("C").ConfigureAwait(false);
        if (!result.Succeeded)
            throw new AksaraException($"initdb failed for '{dataDirectory}' (exit code {result.ExitCode}).{RootHint(dataDirectory)}{Environment.NewLine}{result.Output}");

        Task<ProcessResult> RunInitDb(string locale) => binaries.RunAsync("initdb",
            ["-D", dataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=" + locale, .. throwaway ? ["--no-sync"] : Array.Empty<string>()],
            cancellationToken);
    }

    internal static string RootHint(string path) => ProcessRunner.IsRoot
        ? $" This process is root, so PostgreSQL runs as the '{PostgresBinaries.ServerOsUser}' OS user, which must exist and be able to reach '{path}'."
        : "";

    // When root, the postgres user must be able to reach the directory: /tmp is
    // world-traversable, while TMPDIR may point into root's home.
    static string NewThrowawayRootPath(string? parent)
        => Path.Combine(parent ?? (ProcessRunner.IsRoot ? "/tmp" : Path.GetTempPath()),
            "aksara-pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    static async Task CreateOwnedDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        CreatePrivateDirectory(directory);
        if (ProcessRunner.IsRoot)
            await ChownToServerUserAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    static async Task CreateOwnedLogFileAsync(string logFile, CancellationToken cancellationToken)
    {
        if (File.Exists(logFile))
            return;
        await File.WriteAllBytesAsync(logFile, [], cancellationToken).ConfigureAwait(false);
        if (ProcessRunner.IsRoot)
            await ChownToServerUserAsync(logFile, cancellationToken).ConfigureAwait(false);
    }

    static void CreatePrivateDirectory(string directory)
    {
        // Parents get the usual mode so that the postgres user can traverse them.
        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    // .NET has no chown; the command is on every Unix.
    static async Task ChownToServerUserAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("chown", [PostgresBinaries.ServerOsUser, path], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new AksaraException($"Could not give '{path}' to the '{PostgresBinaries.ServerOsUser}' OS user: {result.Output}{RootHint(path)}");
    }

    static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
