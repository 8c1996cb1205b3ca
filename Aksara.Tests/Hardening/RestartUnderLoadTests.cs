using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aksara.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aksara.Tests.Hardening;

/// <summary>
/// A server restart under write load, on a cluster of the test's own: concurrent clients post with ids they choose
/// (the idempotent pattern), PostgreSQL is stopped and started again mid-run. Every 201 is a row, no request answers
/// 500, every failure is a 503 problem with Retry-After, <c>/health</c> is 200 again without restarting the app, and the
/// outage is logged once and summarized rather than once per request.
/// </summary>
[NonParallelizable]
public sealed class RestartUnderLoadTests
{
    [Table("restart_writes")]
    public sealed class Write
    {
        [PrimaryKey] public Guid WriteId { get; set; }
        public int Writer { get; set; }
    }

    public sealed record WriteInput(Guid WriteId, int Writer);

    [Test]
    public async Task A_restart_mid_load_answers_503s_loses_no_acknowledged_write_and_recovers_by_itself()
    {
        await using var server = (LocalClusterServer)await new LocalPostgresCluster().StartAsync();
        await using (var setup = new NpgsqlConnection(Unpooled(server)))
        {
            await setup.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE restart_writes (write_id uuid PRIMARY KEY, writer int NOT NULL)", setup).ExecuteNonQueryAsync();
        }

        var logs = new CapturingLoggerProvider();
        var builder = AksaraApp.CreateBuilder([], options => { options.DatabaseUrl = server.ConnectionString; options.PoolMinSize = 0; options.PoolMaxSize = 8; });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        await using var app = builder.Build();
        app.MapAksaraHealth();
        // Upsert by the client's id: a retry of a write whose answer was lost is harmless.
        app.MapPost("/writes", async (WriteInput input, Database db) =>
        {
            await db.ExecuteAsync("INSERT INTO restart_writes (write_id, writer) VALUES ($1, $2) ON CONFLICT (write_id) DO NOTHING", input.WriteId, input.Writer);
            return Results.Created($"/writes/{input.WriteId}", input);
        });
        await app.StartAsync();
        var client = app.GetTestClient();

        var created = new ConcurrentBag<Guid>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var unexpected = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid();
                using var response = await client.PostAsJsonAsync("/writes", new WriteInput(id, writer));
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created)
                    created.Add(id);
                else if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null
                    || JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32() != 503)
                    unexpected.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                else
                    await Task.Delay(20);
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(1));
        await server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await server.StartAgainAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        TestContext.Out.WriteLine(string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")));
        Assert.That(unexpected, Is.Empty, "every failure is a 503 problem with Retry-After; the app logged: "
            + string.Join(Environment.NewLine, logs.Lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal)).Take(3)));
        Assert.That(statuses.GetValueOrDefault(HttpStatusCode.ServiceUnavailable), Is.GreaterThan(0), "the restart was seen");
        Assert.That(HealthComesBack(client), Is.True, "/health answers 200 again, the app not restarted");

        await using var check = new NpgsqlConnection(Unpooled(server));
        await check.OpenAsync();
        var stored = new HashSet<Guid>();
        await using (var reader = await new NpgsqlCommand("SELECT write_id FROM restart_writes", check).ExecuteReaderAsync())
            while (await reader.ReadAsync())
                stored.Add(reader.GetGuid(0));
        Assert.That(created.Where(id => !stored.Contains(id)), Is.Empty, "every 201 is a row");

        var outageWarnings = logs.Lines.Count(line => line.StartsWith("Warning Aksara.Database", StringComparison.Ordinal));
        Assert.That(outageWarnings, Is.InRange(1, 4), "the outage is logged once and summarized every 5 s, not per request");
        Assert.That(logs.Lines, Has.Some.Contains("answers again"));
        await app.StopAsync();
    }

    private static string Unpooled(LocalClusterServer server) => new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString;

    private static bool HealthComesBack(HttpClient client)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var response = client.GetAsync("/health").GetAwaiter().GetResult();
            if (response.StatusCode == HttpStatusCode.OK)
                return true;
            Thread.Sleep(100);
        }
        return false;
    }
}
