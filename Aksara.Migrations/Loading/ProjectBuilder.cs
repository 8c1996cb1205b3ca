using Aksara.LocalDevelopment;

namespace Aksara.Migrations.Loading;

/// <summary>Builds a project with <c>dotnet build</c> and asks MSBuild where the assembly went (<c>-getProperty:TargetPath</c>).</summary>
internal static class ProjectBuilder
{
    public static async Task<string> BuildAsync(string projectPath, CancellationToken cancellationToken)
    {
        var build = await RunDotnetAsync(["build", projectPath, "--nologo", "-v:q", "-clp:NoSummary"], cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            var errors = build.Output.Split('\n')
                .Select(line => line.TrimEnd())
                .Where(line => line.Contains(": error ", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var details = errors.Count > 0 ? string.Join(Environment.NewLine, errors.Take(20)) : build.Output.Trim();
            throw new AppLoadException($"Building {projectPath} failed (dotnet build exited with {build.ExitCode}):{Environment.NewLine}{details}", isUsageError: false);
        }

        var query = await RunDotnetAsync(["msbuild", projectPath, "-getProperty:TargetPath", "-nologo"], cancellationToken).ConfigureAwait(false);
        var targetPath = query.Output.Trim().Split('\n').LastOrDefault()?.Trim();
        if (query.ExitCode != 0 || string.IsNullOrEmpty(targetPath) || !File.Exists(targetPath))
            throw new AppLoadException($"Built {projectPath}, but could not find its assembly (msbuild -getProperty:TargetPath said: {query.Output.Trim()}).", isUsageError: false);
        return targetPath;
    }

    // MSBuild's build server would outlive us holding our stdout; each build stands alone.
    private static readonly Dictionary<string, string> s_dotnetEnvironment = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private static async Task<(int ExitCode, string Output)> RunDotnetAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        // Under `dotnet tool run` and `dotnet test` the host that started us is the right SDK; otherwise the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        // Through ProcessRunner, so that Ctrl-C kills the build too instead of leaving it running.
        var result = await ProcessRunner.TryRunAsync(dotnet, arguments, cancellationToken, s_dotnetEnvironment, Environment.CurrentDirectory).ConfigureAwait(false)
            ?? throw new AppLoadException("Could not start `dotnet`. Is the .NET SDK installed and on PATH?", isUsageError: false);
        return (result.ExitCode, (result.StandardOutput + result.StandardError).ReplaceLineEndings("\n"));
    }
}
