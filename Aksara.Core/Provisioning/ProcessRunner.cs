using System.ComponentModel;
using System.Diagnostics;

namespace Aksara.Provisioning;

internal readonly record struct ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string Output => string.Join(Environment.NewLine,
        new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(s => s.Length > 0));
}

/// <summary>Runs a command with an argument list, so paths never pass through a shell.</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Environment.UserName is the name of the effective user on Unix, which is what
    /// PostgreSQL checks when it refuses to run as root.
    /// </summary>
    public static bool IsRoot { get; } = !OperatingSystem.IsWindows() && Environment.UserName == "root";

    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server binaries may run as another OS user, who cannot necessarily
            // enter our working directory; they complain when they can't.
            WorkingDirectory = Path.GetPathRoot(Path.GetTempPath()),
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);

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
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(fileName, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
