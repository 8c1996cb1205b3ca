using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace Aksara.Benchmarks;

/// <summary>
/// Runs the in-process suite: provisions and seeds the database once, measures the physical ceiling, then hands
/// over to BenchmarkDotNet, whose benchmark processes find the database through <see cref="BenchmarkEnvironment"/>.
/// </summary>
public static class SuiteLauncher
{
    private const string NoCeiling = "--no-ceiling";
    private const string CeilingSeconds = "--ceiling-seconds";

    public static async Task<int> RunSuiteAsync(string[] args)
    {
        var (ceiling, seconds, rest) = ParseOwnArguments(args);
        await using var server = await BenchmarkServer.StartAsync();
        Environment.SetEnvironmentVariable(BenchmarkEnvironment.DatabaseUrlVariable, server.DatabaseUrl);
        await PrintEnvironmentAsync(server);
        if (ceiling)
            await WriteCeilingAsync(server, seconds);

        var config = BenchmarkConfig.Create(addDefaultJob: !rest.Any(a => a is "--job" or "-j"));
        if (!rest.Any(a => a is "--filter" or "-f"))
            rest = [.. rest, "--filter", "*"];
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(SuiteLauncher).Assembly).Run(rest, config).ToList();
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    public static async Task<int> RunCeilingAsync(string[] args)
    {
        var (_, seconds, _) = ParseOwnArguments(args);
        await using var server = await BenchmarkServer.StartAsync();
        await PrintEnvironmentAsync(server);
        await WriteCeilingAsync(server, seconds);
        return 0;
    }

    private static async Task WriteCeilingAsync(BenchmarkServer server, int seconds)
    {
        var report = await PhysicalCeiling.MeasureAsync(server, seconds, BulkInsertBenchmarks.Rows, Console.Out);
        var directory = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "physical-ceiling.md");
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine($"Physical ceiling written to {Path.GetFullPath(path)}");
    }

    private static async Task PrintEnvironmentAsync(BenchmarkServer server)
    {
        Console.WriteLine($"Database: {server.Description}");
        Console.WriteLine($"PostgreSQL: {await server.ServerVersionAsync()}");
        Console.WriteLine($"PostgreSQL settings: {await server.ServerSettingsAsync()}");
        Console.WriteLine($".NET: {Environment.Version}; Npgsql {Version("Npgsql")}; Dapper {Version("Dapper")}; EF Core {Version("Microsoft.EntityFrameworkCore")}; Npgsql EF provider {Version("Npgsql.EntityFrameworkCore.PostgreSQL")}");
        Console.WriteLine($"Data source settings (every variant): {BenchmarkConnections.DescribeSettings()}");
    }

    private static string Version(string assembly) =>
        Assembly.Load(assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    private static (bool Ceiling, int Seconds, string[] Remaining) ParseOwnArguments(string[] args)
    {
        var ceiling = true;
        var seconds = 5;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == NoCeiling)
                ceiling = false;
            else if (args[i] == CeilingSeconds && i + 1 < args.Length)
                seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else
                rest.Add(args[i]);
        }
        return (ceiling, seconds, rest.ToArray());
    }
}
