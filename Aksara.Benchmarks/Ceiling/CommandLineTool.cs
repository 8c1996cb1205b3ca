using Aksara.LocalDevelopment;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>Runs PostgreSQL's client tools (pgbench, psql) from the same installation the local cluster uses.</summary>
internal sealed class CommandLineTool(string path)
{
    public static async Task<CommandLineTool> FindAsync(string name)
    {
        var binaries = await PostgresBinaries.LocateAsync(PostgresBinarySearch.Default, CancellationToken.None);
        var path = binaries.PathOf(name);
        return File.Exists(path) ? new CommandLineTool(path) : throw new InvalidOperationException($"{name} was not found next to initdb in {binaries.BinDirectory}.");
    }

    /// <summary>Runs to completion; throws with the tool's output when it fails.</summary>
    public async Task<string> RunAsync(NpgsqlConnectionStringBuilder connection, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var environment = connection.Password is { Length: > 0 } password
            ? new Dictionary<string, string> { ["PGPASSWORD"] = password }
            : null;
        using var cancellation = new CancellationTokenSource(timeout);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(path, arguments, cancellation.Token, environment);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"{Path.GetFileName(path)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        var text = result.StandardOutput + result.StandardError;
        if (!result.Succeeded)
            throw new InvalidOperationException($"{Path.GetFileName(path)} exited with {result.ExitCode}:{Environment.NewLine}{text}");
        return text;
    }

    /// <summary>Host, port, user and database arguments, through TCP or through the Unix socket in <paramref name="socketDirectory"/>.</summary>
    public static IEnumerable<string> ConnectionArguments(NpgsqlConnectionStringBuilder connection, string? socketDirectory = null) =>
    [
        "-h", socketDirectory ?? connection.Host!,
        "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-U", connection.Username ?? "postgres",
        "-d", connection.Database ?? "postgres",
    ];
}
