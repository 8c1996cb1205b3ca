using System.Diagnostics;

namespace Aksara.Tests;

/// <summary>Runs the built <c>aksara</c> command in a child process, as a user would, with its own environment and folder.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    private static readonly string[] AksaraVariables =
        [
            "DATABASE_URL", "AKSARA_DATABASE_URL", "AKSARA_POOL_MIN_SIZE", "AKSARA_POOL_MAX_SIZE", "AKSARA_MIGRATIONS_DIR",
            "AKSARA_SCHEMA", "AKSARA_MIGRATIONS_SCHEMA", "AKSARA_MIGRATIONS_RUNTIME_ROLE", "NO_COLOR", "AKSARA_FORCE_COLOR",
        ];

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aksara.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var name in AksaraVariables)
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
