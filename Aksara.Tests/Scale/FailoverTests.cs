using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Npgsql;

namespace Aksara.Tests.Scale;

/// <summary>
/// A failover on real servers: a primary with a synchronous streaming standby, the app on a multi-host URL with
/// <c>target_session_attrs=read-write</c>. The primary's postmaster is killed mid-write and the standby promoted; the
/// same <see cref="Database"/> writes again within seconds, every failure it showed meanwhile was an
/// <see cref="AksaraConnectionException"/>, and every write it acknowledged is on the new primary.
/// </summary>
[NonParallelizable]
public sealed class FailoverTests
{
    private const string Schema = "CREATE TABLE failover_writes (write_id uuid PRIMARY KEY, writer int NOT NULL, note text NOT NULL)";

    [Table("failover_writes")]
    public sealed class Write
    {
        [PrimaryKey] public Guid WriteId { get; set; }
        public int Writer { get; set; }
        public string Note { get; set; } = "";
    }

    [Test]
    public async Task Killing_the_primary_and_promoting_the_standby_resumes_writes_without_losing_an_acknowledged_one()
    {
        await using var cluster = await ReplicatedCluster.StartAsync(Schema);
        await cluster.MakeStandbySynchronousAsync();
        // Throwaway clusters run with synchronous_commit=off for speed; a commit waits for the standby only with it on.
        var url = cluster.MultiHostUrl("read-write") + "&options=-c%20synchronous_commit%3Don";
        await using var db = new Database(new AksaraOptions { DatabaseUrl = url, PoolMinSize = 0, PoolMaxSize = 8 });

        var acknowledged = new ConcurrentBag<Guid>();
        var failures = new ConcurrentBag<Exception>();
        var promoted = new TaskCompletionSource();
        var writesAfterPromotion = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        async Task WriteAsync(int writer)
        {
            while (!stop.IsCancellationRequested && Volatile.Read(ref writesAfterPromotion) < 20)
            {
                var id = Guid.NewGuid();
                try
                {
                    await db.InsertAsync(new Write { WriteId = id, Writer = writer, Note = "it's a write; DROP TABLE failover_writes" });
                    acknowledged.Add(id);
                    if (promoted.Task.IsCompleted)
                        Interlocked.Increment(ref writesAfterPromotion);
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                    await Task.Delay(50);
                }
            }
        }

        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(() => WriteAsync(writer))).ToArray();
        Assert.That(await ReplicatedCluster.EventuallyAsync(() => Task.FromResult(acknowledged.Count >= 50), TimeSpan.FromSeconds(30)), Is.True, "writes go through before the failover");

        var builder = AksaraApp.CreateBuilder([], options => { options.DatabaseUrl = cluster.MultiHostUrl("read-write"); options.PoolMinSize = 0; });
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.MapAksaraHealth();
        await app.StartAsync();
        var client = app.GetTestClient();
        async Task<bool> HealthIsAsync(HttpStatusCode status)
        {
            using var response = await client.GetAsync("/health");
            return response.StatusCode == status;
        }
        Assert.That(await HealthIsAsync(HttpStatusCode.OK), Is.True);

        await cluster.KillPrimaryAsync();
        var sinceKill = Stopwatch.StartNew();
        Assert.That(await ReplicatedCluster.EventuallyAsync(() => HealthIsAsync(HttpStatusCode.ServiceUnavailable), TimeSpan.FromSeconds(20)), Is.True,
            "with no primary, /health answers 503");
        await cluster.Standby.PromoteAsync();
        promoted.SetResult();
        await Task.WhenAll(writers);
        var recovery = sinceKill.Elapsed;
        Assert.That(await ReplicatedCluster.EventuallyAsync(() => HealthIsAsync(HttpStatusCode.OK), TimeSpan.FromSeconds(20)), Is.True,
            "once the standby is promoted, /health answers 200 again without a restart");
        await app.StopAsync();

        TestContext.Out.WriteLine($"{acknowledged.Count} writes acknowledged, {failures.Count} failed, writes resumed {recovery.TotalSeconds:0.0} s after the kill");
        Assert.That(writesAfterPromotion, Is.GreaterThanOrEqualTo(20), $"writes resume on the promoted standby (failures: {string.Join("; ", failures.Select(f => f.GetType().Name + ": " + f.Message).Distinct().Take(5))})");
        Assert.That(failures.Where(f => f is not AksaraConnectionException).Select(f => $"{f.GetType()}: {f.Message}").Distinct(), Is.Empty,
            "a caller sees only connection failures (503 in an app) during the switch");

        await using var promotedServer = new NpgsqlConnection(ReplicatedCluster.Unpooled(cluster.StandbyUrl));
        await promotedServer.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT write_id FROM failover_writes", promotedServer);
        var stored = new HashSet<Guid>();
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                stored.Add(reader.GetGuid(0));
        Assert.That(acknowledged.Where(id => !stored.Contains(id)), Is.Empty, "with synchronous replication no acknowledged write is lost");
    }
}
