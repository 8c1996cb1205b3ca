using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Aksara.LocalDevelopment;

namespace Aksara.Testing;

/// <summary>
/// Debian's PgBouncer in front of a test server, on a free loopback port, with a folder of its own; stopped by its PID.
/// It trusts the server's user, as the test servers do. As root it runs as the <c>postgres</c> OS user: PgBouncer refuses root.
/// </summary>
public sealed class LocalPgBouncer : IAsyncDisposable
{
    private static readonly string[] s_binaries = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"];

    private readonly string _folder;
    private readonly int _pid;

    private LocalPgBouncer(string folder, int pid, int port, string user)
    {
        _folder = folder;
        _pid = pid;
        Port = port;
        User = user;
    }

    public int Port { get; }

    public string User { get; }

    /// <summary>The URL of <paramref name="database"/> through the bouncer.</summary>
    public string Url(string database) => $"postgresql://{User}@127.0.0.1:{Port}/{database}";

    /// <summary>PgBouncer's binary, or null on a machine without it.</summary>
    public static string? Binary => s_binaries.FirstOrDefault(File.Exists);

    /// <summary>Starts PgBouncer in front of <paramref name="server"/> with <paramref name="poolSize"/> server connections per database.</summary>
    public static async Task<LocalPgBouncer> StartAsync(ProvisionedServer server, string poolMode = "transaction", int poolSize = 2)
    {
        var binary = Binary ?? throw new AksaraException("PgBouncer is not installed: apt-get install pgbouncer (.ci/run installs it).");

        var folder = Path.Combine("/tmp", "aksara-pgbouncer-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "users.txt"), $"\"{server.Username}\" \"\"\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "pgbouncer.ini"), string.Create(CultureInfo.InvariantCulture, $"""
            [databases]
            * = host={server.Host} port={server.Port}{(server.Password is { Length: > 0 } password ? " password=" + password : "")}
            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {folder}/users.txt
            pool_mode = {poolMode}
            default_pool_size = {poolSize}
            logfile = {folder}/pgbouncer.log
            pidfile = {folder}/pgbouncer.pid
            """));
        string[] command = ProcessRunner.IsRoot ? ["runuser", "-u", PostgresBinaries.ServerOsUser, "--", binary, "-d", $"{folder}/pgbouncer.ini"] : [binary, "-d", $"{folder}/pgbouncer.ini"];
        if (ProcessRunner.IsRoot)
            await ProcessRunner.RunAsync("chown", ["-R", PostgresBinaries.ServerOsUser, folder], CancellationToken.None);
        var started = await ProcessRunner.RunAsync(command[0], command[1..], CancellationToken.None);
        var pidFile = Path.Combine(folder, "pgbouncer.pid");
        for (var attempt = 0; attempt < 100 && !(File.Exists(pidFile) && await AcceptsAsync(port)); attempt++)
            await Task.Delay(50);
        if (!File.Exists(pidFile) || !int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
        {
            var log = Path.Combine(folder, "pgbouncer.log");
            var text = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
            Directory.Delete(folder, recursive: true);
            throw new InvalidOperationException($"PgBouncer did not start (exit {started.ExitCode}): {started.Output}\n{text}");
        }
        return new LocalPgBouncer(folder, pid, port, server.Username);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var process = Process.GetProcessById(_pid);
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
