using System.Diagnostics;
using System.Text;

namespace Aksara.Tests.Starter;

/// <summary>Runs the <c>dotnet</c> command (build, pack, new) in a child process, as a user would.</summary>
internal static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>The SDK host that runs these tests (under <c>dotnet test</c>), else the one on PATH.</summary>
    public static string HostPath { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Variables that would point a child at another database than the one a test gives it.</summary>
    public static readonly string[] AksaraVariables =
        ["DATABASE_URL", "AKSARA_DATABASE_URL", "AKSARA_POOL_MIN_SIZE", "AKSARA_POOL_MAX_SIZE", "AKSARA_MIGRATIONS_DIR"];

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        StartInfo(HostPath, workingDirectory, arguments, environment);

    /// <summary>Like <see cref="StartInfo(string, IEnumerable{string}, IReadOnlyDictionary{string, string}?)"/> for another program (an installed tool).</summary>
    public static ProcessStartInfo StartInfo(string program, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in AksaraVariables)
            start.Environment.Remove(name);
        // A build server would outlive the command while holding its output open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return start;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; the result holds stdout and stderr interleaved.</summary>
    public static Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunProgramAsync(HostPath, workingDirectory, timeout, environment, arguments);

    /// <summary>Runs <paramref name="program"/> (an installed tool, say) as <see cref="RunAsync"/> runs <c>dotnet</c>.</summary>
    public static async Task<Result> RunProgramAsync(string program, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = new Process { StartInfo = StartInfo(program, workingDirectory, arguments, environment) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within {timeout}:{Environment.NewLine}{output}");
        }
        process.WaitForExit();
        lock (output)
            return new Result(process.ExitCode, output.ToString());
    }

    /// <summary>Like <see cref="RunAsync"/>, failing the test with the command's output when it does not exit 0.</summary>
    public static async Task<string> RunCheckedAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var result = await RunAsync(workingDirectory, timeout, environment, arguments);
        Assert.That(result.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed:{Environment.NewLine}{result.Output}");
        return result.Output;
    }
}
