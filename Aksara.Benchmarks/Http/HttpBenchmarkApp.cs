using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aksara.Benchmarks.Http;

/// <summary>
/// One ASP.NET Core app serving TechEmpower's database tests once per variant (<c>/raw/db</c>, <c>/dapper/db</c>,
/// <c>/ef/db</c>, <c>/aksara-raw/db</c>, <c>/aksara/db</c>, …), so that <c>wrk</c> can compare them side by side in one
/// process, on one database. It listens on loopback only.
/// </summary>
public static class HttpBenchmarkApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Adds <c>/aksara-replica</c> (reads spread over the primary and a standby) and <c>/aksara-bouncer</c> (through PgBouncer).</summary>
    public const string ScaleOutOption = "--scale-out";

    public static async Task<int> RunAsync(string[] args)
    {
        var scaleOut = args.Contains(ScaleOutOption);
        args = args.Where(arg => arg != ScaleOutOption).ToArray();
        await using var server = await BenchmarkServer.StartAsync();
        Console.WriteLine($"Database: {server.Description}");
        await using var scaleOutServers = scaleOut ? await ScaleOutServers.StartAsync(server) : null;
        await using var app = Build(server.DatabaseUrl, args, scaleOutServers);
        await app.StartAsync();
        Console.WriteLine($"Serving {string.Join(", ", app.Services.GetRequiredService<HttpVariants>().Stores.Keys)} on {string.Join(", ", app.Urls)}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The app over a seeded database; <c>--urls</c> in <paramref name="args"/> chooses where it listens.</summary>
    public static WebApplication Build(string databaseUrl, string[] args) => Build(databaseUrl, args, scaleOut: null);

    private static WebApplication Build(string databaseUrl, string[] args, ScaleOutServers? scaleOut)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);
        EnsureLoopback(builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? DefaultUrl);

        var connectionString = BenchmarkConnections.ConnectionString(databaseUrl);
        builder.Services.AddAksara(builder.Configuration, options =>
        {
            options.DatabaseUrl = connectionString;
            options.PoolMinSize = 0;
            options.PoolMaxSize = BenchmarkEnvironment.PoolMaxSize;
            options.ApplicationName = "aksara-bench";
            // db.Replica takes turns between the standby and the primary itself (a primary is never behind).
            if (scaleOut is not null)
                options.Replicas = [BenchmarkConnections.ConnectionString(scaleOut.ReplicaUrl), connectionString];
        });
        builder.Services.AddSingleton(services => new HttpVariants(connectionString, services.GetRequiredService<Database>(), scaleOut?.BouncerUrl));

        var app = builder.Build();
        foreach (var (prefix, store) in app.Services.GetRequiredService<HttpVariants>().Stores)
            app.MapWorldEndpoints(prefix, store);
        return app;
    }

    private static void EnsureLoopback(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = new Uri(url.Replace("*", "wildcard", StringComparison.Ordinal).Replace("+", "wildcard", StringComparison.Ordinal)).Host.Trim('[', ']');
            var loopback = host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
            if (!loopback)
                throw new ArgumentException($"The benchmark app listens on loopback addresses only (127.0.0.1, [::1], localhost), not on '{url}'.");
        }
    }
}
