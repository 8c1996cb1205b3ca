using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Aksara.Provisioning;

/// <summary>A cluster started by <see cref="LocalPostgresCluster"/>, controlled with pg_ctl.</summary>
internal sealed class LocalClusterServer : ProvisionedServer
{
    static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    // sun_path holds 104 bytes on macOS, 108 on Linux, including ".s.PGSQL.NNNNN.lock".
    const int MaxSocketDirectoryLength = 80;

    readonly PostgresBinaries _binaries;
    readonly bool _throwaway;
    readonly string? _ownedDirectory;
    bool _running;
    bool _disposed;

    internal LocalClusterServer(
        PostgresBinaries binaries, string dataDirectory, string logFile, int port, bool throwaway, string? ownedDirectory)
        : base(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString)
    {
        _binaries = binaries;
        DataDirectory = dataDirectory;
        LogFile = logFile;
        _throwaway = throwaway;
        _ownedDirectory = ownedDirectory;
    }

    internal string DataDirectory { get; }

    internal string LogFile { get; }

    internal bool IsRunning => _running;

    /// <summary>False when the port turned out to be taken; throws on any other failure.</summary>
    internal async Task<bool> TryStartAsync(CancellationToken cancellationToken)
    {
        var logOffset = new FileInfo(LogFile) is { Exists: true } log ? log.Length : 0;
        var result = await _binaries.RunAsync("pg_ctl",
            ["-D", DataDirectory, "-l", LogFile, "-o", ServerOptions(), "-w", "-t", "60", "start"],
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var serverLog = ReadLog(logOffset);
            if (serverLog.Contains("Address already in use", StringComparison.Ordinal))
                return false;
            throw new AksaraException(
                $"PostgreSQL in '{DataDirectory}' did not start on port {Port} (pg_ctl exit code {result.ExitCode})." +
                LocalPostgresCluster.RootHint(DataDirectory) + Environment.NewLine + result.Output +
                Environment.NewLine + "Server log:" + Environment.NewLine + Tail(serverLog));
        }

        _running = true;
        await WaitUntilReadyAsync(logOffset, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public override async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_running)
            return;
        if (!await TryStartAsync(cancellationToken).ConfigureAwait(false))
            throw new AksaraException($"PostgreSQL could not listen on 127.0.0.1:{Port} again: the port is now in use.");
    }

    public override async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_running)
            return;
        // fast: roll back open transactions and disconnect clients instead of waiting for them.
        var result = await _binaries.RunAsync("pg_ctl",
            ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new AksaraException($"pg_ctl could not stop PostgreSQL in '{DataDirectory}' (exit code {result.ExitCode}).{Environment.NewLine}{result.Output}");
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
            if (_ownedDirectory is not null)
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

    string ServerOptions()
    {
        // pg_ctl runs the server through /bin/sh, so this string is parsed by a shell.
        var options = new List<string>
        {
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=200",
        };
        if (!OperatingSystem.IsWindows())
        {
            // Psql users can reach the server through its socket; a data directory too deep
            // for a socket path just goes without one.
            options.Add("-k");
            options.Add(DataDirectory.Length <= MaxSocketDirectoryLength ? ShellQuote(DataDirectory) : "''");
        }
        if (_throwaway)
        {
            // Durability is pointless for data deleted at the end of the run, and fsync dominates test time.
            options.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        return string.Join(' ', options);
    }

    async Task WaitUntilReadyAsync(long logOffset, CancellationToken cancellationToken)
    {
        // pg_ctl -w waits for the postmaster, not for the end of crash recovery.
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
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
                if (stopwatch.Elapsed > ReadyTimeout)
                    throw new AksaraException(
                        $"PostgreSQL started in '{DataDirectory}' but did not accept connections on port {Port} within {ReadyTimeout.TotalSeconds:0} s." +
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

    static string Tail(string log, int lines = 30)
        => string.Join(Environment.NewLine, log.TrimEnd().Split('\n').TakeLast(lines).Select(l => l.TrimEnd('\r')));

    static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
