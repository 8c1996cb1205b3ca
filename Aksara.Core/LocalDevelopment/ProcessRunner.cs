using System.ComponentModel;
using System.Diagnostics;

namespace Aksara.LocalDevelopment;

internal readonly record struct ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string Output => string.Join(Environment.NewLine,
        new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(s => s.Length > 0));
}

/// <summary>
/// Runs a command with an argument list, so paths never pass through a shell: the server binaries of
/// <see cref="PostgresCluster"/>, and the app's build for Aksara.Migrations' model loading.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Environment.UserName is the name of the effective user on Unix, which is what
    /// PostgreSQL checks when it refuses to run as root.
    /// </summary>
    public static bool IsRoot { get; } = !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>
    /// Runs <paramref name="fileName"/> to completion and captures its output; cancelling kills it with its children.
    /// It runs in <paramref name="workingDirectory"/>, by default the file system root: the server binaries may run as
    /// another OS user, who cannot necessarily enter our working directory, and they complain when they can't.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetPathRoot(Path.GetTempPath()),
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            startInfo.Environment[name] = value;

        using var process = Process.Start(startInfo)
            ?? throw new AksaraException($"Could not start '{fileName}'.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs a command that may legitimately be missing; null when it can't be started.</summary>
    public static async Task<ProcessResult?> TryRunAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        try
        {
            return await RunAsync(fileName, arguments, cancellationToken, environment, workingDirectory).ConfigureAwait(false);
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
