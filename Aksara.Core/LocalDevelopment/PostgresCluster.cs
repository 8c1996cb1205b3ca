using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Aksara.LocalDevelopment;

/// <summary>What a cluster runs with besides the defaults; the throwaway test cluster (Aksara.Testing) turns durability off.</summary>
internal sealed record PostgresClusterOptions
{
    public static PostgresClusterOptions Default { get; } = new();

    /// <summary>Extra <c>initdb</c> arguments, such as <c>--no-sync</c>.</summary>
    public IReadOnlyList<string> InitDbArguments { get; init; } = [];

    /// <summary>Extra server settings, passed as <c>-c name=value</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerSettings { get; init; } = [];

    public PostgresBinarySearch BinarySearch { get; init; } = PostgresBinarySearch.Default;
}

/// <summary>
/// A PostgreSQL cluster in a data directory on this machine, made with <c>initdb</c> and run with <c>pg_ctl</c> from the
/// installed server binaries: listening on one loopback port, trusting local connections, its superuser
/// <c>postgres</c>. The local development database runs on one, and so does the throwaway cluster of the tests and
/// benchmarks (Aksara.Testing); this is the only type that starts or stops a server.
/// </summary>
/// <remarks>
/// The server runs on its own: it outlives this object and the process, until <see cref="StopAsync"/>. When the
/// current process is root, the binaries run as the <c>postgres</c> OS user, because PostgreSQL refuses to run as root.
/// </remarks>
internal sealed class PostgresCluster
{
    public const string Superuser = "postgres";

    public const string Host = "127.0.0.1";

    static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(30);

    // sun_path holds 104 bytes on macOS, 108 on Linux, including ".s.PGSQL.NNNNN.lock".
    const int MaxSocketDirectoryLength = 80;

    readonly PostgresBinaries _binaries;
    readonly PostgresClusterOptions _options;

    PostgresCluster(PostgresBinaries binaries, string dataDirectory, string logFile, PostgresClusterOptions options)
    {
        _binaries = binaries;
        _options = options;
        DataDirectory = dataDirectory;
        LogFile = logFile;
    }

    public string DataDirectory { get; }

    public string LogFile { get; }

    /// <summary>True once <c>initdb</c> has made the cluster.</summary>
    public bool IsInitialized => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>The cluster in <paramref name="dataDirectory"/>, which need not exist yet; finds the server binaries, creates nothing.</summary>
    /// <param name="logFile">The server log; by default next to the data directory (<c>postgres.log</c> for <c>postgres</c>).</param>
    /// <exception cref="AksaraException">The server binaries are not installed (the message says how to install them).</exception>
    public static async Task<PostgresCluster> LocateAsync(
        string dataDirectory, string? logFile = null, PostgresClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        dataDirectory = Path.GetFullPath(dataDirectory);
        // pg_ctl hands the data directory and log file to /bin/sh inside double quotes.
        if (dataDirectory.IndexOfAny(['"', '$', '`', '\\']) >= 0 && !OperatingSystem.IsWindows())
            throw new AksaraException($"The PostgreSQL data directory '{dataDirectory}' must not contain \", $, ` or \\.");
        options ??= PostgresClusterOptions.Default;
        var binaries = await PostgresBinaries.LocateAsync(options.BinarySearch, cancellationToken).ConfigureAwait(false);
        return new PostgresCluster(binaries, dataDirectory, logFile ?? dataDirectory + ".log", options);
    }

    /// <summary>Runs <c>initdb</c> when there is no cluster yet, and creates the log file; the server user owns both.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (!IsInitialized)
        {
            await CreateOwnedDirectoryAsync(DataDirectory, cancellationToken).ConfigureAwait(false);
            await InitDbAsync(cancellationToken).ConfigureAwait(false);
        }
        if (!File.Exists(LogFile))
        {
            await File.WriteAllBytesAsync(LogFile, [], cancellationToken).ConfigureAwait(false);
            if (ProcessRunner.IsRoot)
                await ChownToServerUserAsync(LogFile, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the server on <paramref name="port"/> and waits until it accepts connections; returns the port. With 0 it
    /// picks a free port, and another when some other process takes that one before the server binds it.
    /// </summary>
    /// <exception cref="AksaraException">A fixed port is taken, or the server did not start (with its log).</exception>
    public async Task<int> StartAsync(int port, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = port != 0 ? port : FindFreeLoopbackPort();
            if (await TryStartAsync(candidate, cancellationToken).ConfigureAwait(false))
                return candidate;
            if (port != 0 || attempt == 3)
                throw new AksaraException($"PostgreSQL could not listen on {Host}:{candidate}: the port is in use.");
        }
    }

    /// <summary>Stops the server (fast shutdown: open transactions roll back and clients are disconnected); its data stays.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var result = await _binaries.RunAsync("pg_ctl",
            ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new AksaraException($"pg_ctl could not stop PostgreSQL in '{DataDirectory}' (exit code {result.ExitCode}).{Environment.NewLine}{result.Output}");
    }

    /// <summary>The superuser on <paramref name="database"/> of the cluster listening on <paramref name="port"/>.</summary>
    public static NpgsqlConnectionStringBuilder ConnectionStringBuilder(int port, string database = "postgres") => new()
    {
        Host = Host,
        Port = port,
        Username = Superuser,
        Database = database,
    };

    /// <summary>A one-off administrative connection: unpooled, so that nothing lingers, and named in <c>pg_stat_activity</c>.</summary>
    public static string AdminConnectionString(int port, string database = "postgres", int timeoutSeconds = 15)
    {
        var builder = ConnectionStringBuilder(port, database);
        builder.Timeout = timeoutSeconds;
        builder.Pooling = false;
        builder.ApplicationName = "aksara";
        return builder.ConnectionString;
    }

    /// <summary>A loopback port nothing listens on right now (another process may still take it before we bind).</summary>
    public static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFreeLoopbackPort(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A directory only its owner may enter, owned by the server's OS user when we are root.</summary>
    public static async Task CreateOwnedDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        // Parents get the usual mode so that the postgres user can traverse them.
        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (ProcessRunner.IsRoot)
            await ChownToServerUserAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What to check when a path is out of the server's reach: when we are root, it runs as another OS user.</summary>
    public static string RootHint(string path) => ProcessRunner.IsRoot
        ? $" This process is root, so PostgreSQL runs as the '{PostgresBinaries.ServerOsUser}' OS user, which must exist and be able to reach '{path}'."
        : "";

    /// <summary>False when the port turned out to be taken; throws on any other failure.</summary>
    async Task<bool> TryStartAsync(int port, CancellationToken cancellationToken)
    {
        var logOffset = new FileInfo(LogFile) is { Exists: true } log ? log.Length : 0;
        var result = await _binaries.RunAsync("pg_ctl",
            ["-D", DataDirectory, "-l", LogFile, "-o", ServerOptions(port), "-w", "-t", "60", "start"],
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var serverLog = ReadLog(logOffset);
            if (serverLog.Contains("Address already in use", StringComparison.Ordinal))
                return false;
            throw new AksaraException(
                $"PostgreSQL in '{DataDirectory}' did not start on port {port} (pg_ctl exit code {result.ExitCode})." +
                RootHint(DataDirectory) + Environment.NewLine + result.Output +
                Environment.NewLine + "Server log:" + Environment.NewLine + Tail(serverLog));
        }

        await WaitUntilReadyAsync(port, logOffset, cancellationToken).ConfigureAwait(false);
        return true;
    }

    async Task InitDbAsync(CancellationToken cancellationToken)
    {
        // C.UTF-8 sorts by code point like C but keeps UTF-8 character classes; older
        // systems (and macOS) lack it, and C is always there.
        var result = await RunInitDb("C.UTF-8").ConfigureAwait(false);
        if (!result.Succeeded && result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
            result = await RunInitDb("C").ConfigureAwait(false);
        if (!result.Succeeded)
            throw new AksaraException($"initdb failed for '{DataDirectory}' (exit code {result.ExitCode}).{RootHint(DataDirectory)}{Environment.NewLine}{result.Output}");

        Task<ProcessResult> RunInitDb(string locale) => _binaries.RunAsync("initdb",
            ["-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=" + locale, .. _options.InitDbArguments],
            cancellationToken);
    }

    string ServerOptions(int port)
    {
        // pg_ctl runs the server through /bin/sh, so this string is parsed by a shell.
        var options = new List<string>
        {
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=" + Host,
            "-c", "max_connections=200",
        };
        if (!OperatingSystem.IsWindows())
        {
            // Psql users can reach the server through its socket; a data directory too deep
            // for a socket path just goes without one.
            options.Add("-k");
            options.Add(DataDirectory.Length <= MaxSocketDirectoryLength ? ShellQuote(DataDirectory) : "''");
        }
        foreach (var (name, value) in _options.ServerSettings)
            options.AddRange(["-c", ShellQuote(name + "=" + value)]);
        return string.Join(' ', options);
    }

    async Task WaitUntilReadyAsync(int port, long logOffset, CancellationToken cancellationToken)
    {
        // pg_ctl -w waits for the postmaster, not for the end of crash recovery.
        var probe = AdminConnectionString(port, timeoutSeconds: 2);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (stopwatch.Elapsed > s_readyTimeout)
                    throw new AksaraException(
                        $"PostgreSQL started in '{DataDirectory}' but did not accept connections on port {port} within {s_readyTimeout.TotalSeconds:0} s." +
                        Environment.NewLine + "Server log:" + Environment.NewLine + Tail(ReadLog(logOffset)), e);
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    string ReadLog(long offset)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException e)
        {
            return $"(could not read {LogFile}: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(could not read {LogFile}: {e.Message})";
        }
    }

    // .NET has no chown; the command is on every Unix.
    static async Task ChownToServerUserAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("chown", [PostgresBinaries.ServerOsUser, path], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new AksaraException($"Could not give '{path}' to the '{PostgresBinaries.ServerOsUser}' OS user: {result.Output}{RootHint(path)}");
    }

    static string Tail(string log, int lines = 30)
        => string.Join(Environment.NewLine, log.TrimEnd().Split('\n').TakeLast(lines).Select(l => l.TrimEnd('\r')));

    static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
