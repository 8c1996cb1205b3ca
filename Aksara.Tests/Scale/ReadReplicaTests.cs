using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aksara.Tests.Scale;

/// <summary>
/// <see cref="Database.Replica"/> against a real streaming standby (<c>pg_basebackup -R</c>) on loopback: reads go to
/// the standby and see what the primary committed, writes are refused (before the server for CRUD, by the server for
/// raw SQL), lag is measured, and a standby that lags too far or stops is passed over for the primary, read-only.
/// </summary>
[NonParallelizable]
public sealed class ReadReplicaTests
{
    private const string Schema = """
        CREATE TABLE replica_notes (note_id int PRIMARY KEY, text text NOT NULL);
        INSERT INTO replica_notes VALUES (1, 'it''s the first; DROP TABLE replica_notes --');
        CREATE TABLE notes (note_id int PRIMARY KEY, text text NOT NULL);
        """;

    private ReplicatedCluster _cluster = null!;

    [Table("replica_notes")]
    public sealed class ReplicaNote
    {
        [PrimaryKey] public int NoteId { get; set; }
        public string Text { get; set; } = "";
    }

    /// <summary>The model of docs/scaling.md's example.</summary>
    [Table("notes")]
    public sealed class Note
    {
        [PrimaryKey] public int NoteId { get; set; }
        public string Text { get; set; } = "";
    }

    [OneTimeSetUp]
    public async Task StartAsync() => _cluster = await ReplicatedCluster.StartAsync(Schema);

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }

    private Database WithReplica(double maxLagSeconds = 10) => new(new AksaraOptions
    {
        DatabaseUrl = _cluster.PrimaryUrl,
        Replicas = [_cluster.StandbyUrl],
        ReplicaMaxLagSeconds = maxLagSeconds,
        ReplicaCheckIntervalSeconds = 0.2,
        PoolMinSize = 0,
    });

    private static Task<bool> ReadsFromStandbyAsync(DatabaseReplica replica) => replica.FetchValAsync<bool>("SELECT pg_is_in_recovery()");

    [Test, Order(1)]
    public async Task Reads_go_to_the_standby_and_see_what_the_primary_committed()
    {
        await using var db = WithReplica();
        var text = "Unicode ✓ — \"quoted\" 'text'; DROP TABLE replica_notes";
        await db.InsertAsync(new ReplicaNote { NoteId = 2, Text = text });

        Assert.That(await ReadsFromStandbyAsync(db.Replica), Is.True, "db.Replica reads from the standby");
        Assert.That(await ReplicatedCluster.EventuallyAsync(async () => await db.Replica.GetAsync<ReplicaNote>(2) is not null, TimeSpan.FromSeconds(30)), Is.True,
            "the standby replays the primary's commit");
        Assert.That((await db.Replica.GetAsync<ReplicaNote>(2))!.Text, Is.EqualTo(text));
        Assert.That(await db.Replica.Table<ReplicaNote>().Where(n => n.NoteId <= 2).OrderBy(n => n.NoteId).ToListAsync(), Has.Count.EqualTo(2));
        Assert.That(await db.Replica.FetchValAsync<string>("SELECT text FROM replica_notes WHERE note_id = $1", 1), Does.StartWith("it's the first"));
        await using (var session = await db.Replica.OpenSessionAsync())
            Assert.That(await session.FetchValAsync<bool>("SELECT pg_is_in_recovery()"), Is.True);

        var status = await db.Replica.CheckAsync();
        Assert.That(status, Has.Count.EqualTo(1));
        Assert.That(status[0], Has.Property(nameof(ReplicaStatus.Connected)).True.And.Property(nameof(ReplicaStatus.InRecovery)).True
            .And.Property(nameof(ReplicaStatus.Used)).True);
        Assert.That(status[0].LagMs, Is.Not.Null.And.GreaterThanOrEqualTo(0));
    }

    [Test, Order(2)]
    public async Task Writes_on_the_replica_are_refused_and_change_nothing()
    {
        await using var db = WithReplica();

        var crud = Assert.ThrowsAsync<ReadOnlyDatabaseException>(() => db.Replica.InsertAsync(new ReplicaNote { NoteId = 3, Text = "never" }));
        Assert.That(crud!.Message, Does.Contain("db.Replica").And.Contain("replica_notes"));
        Assert.ThrowsAsync<ReadOnlyDatabaseException>(() => db.Replica.DeleteAsync<ReplicaNote>(1));
        Assert.ThrowsAsync<ReadOnlyDatabaseException>(() => db.Replica.Table<ReplicaNote>().Where(n => n.NoteId == 1).DeleteAsync());

        // Raw SQL is not parsed: the server refuses it, and the error says so.
        var raw = Assert.ThrowsAsync<ReadOnlyDatabaseException>(() => db.Replica.ExecuteAsync("INSERT INTO replica_notes VALUES ($1, $2)", 4, "never"));
        Assert.That(raw!.InnerException, Is.InstanceOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo("25006"));

        Assert.That(await db.FetchValAsync<long>("SELECT count(*) FROM replica_notes WHERE note_id IN (3, 4)"), Is.Zero);
        Assert.That(await db.GetAsync<ReplicaNote>(1), Is.Not.Null, "the refused delete deleted nothing");
    }

    [Test, Order(3)]
    public async Task A_standby_that_lags_too_far_is_passed_over_for_the_primary()
    {
        await using var db = WithReplica(maxLagSeconds: 1);
        await using var standby = new NpgsqlConnection(ReplicatedCluster.Unpooled(_cluster.StandbyUrl));
        await standby.OpenAsync();
        await new NpgsqlCommand("SELECT pg_wal_replay_pause()", standby).ExecuteNonQueryAsync();
        try
        {
            await db.InsertAsync(new ReplicaNote { NoteId = 10, Text = "written while the standby is paused" });

            Assert.That(await ReplicatedCluster.EventuallyAsync(async () => (await db.Replica.CheckAsync())[0] is { Used: false, LagMs: > 1000 }, TimeSpan.FromSeconds(30)),
                Is.True, "the paused standby's lag is measured and passes the limit");
            Assert.That(await ReadsFromStandbyAsync(db.Replica), Is.False, "reads fall back to the primary");
            Assert.That(await db.Replica.GetAsync<ReplicaNote>(10), Is.Not.Null, "the primary has the write the standby has not replayed");
            Assert.ThrowsAsync<ReadOnlyDatabaseException>(() => db.Replica.ExecuteAsync("DELETE FROM replica_notes WHERE note_id = 10"),
                "on the primary too, reads through db.Replica are read-only");
        }
        finally
        {
            await new NpgsqlCommand("SELECT pg_wal_replay_resume()", standby).ExecuteNonQueryAsync();
        }

        Assert.That(await ReplicatedCluster.EventuallyAsync(async () => (await db.Replica.CheckAsync())[0].Used, TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(await ReadsFromStandbyAsync(db.Replica), Is.True, "caught up, the standby takes reads again");
        Assert.That(await db.Replica.GetAsync<ReplicaNote>(10), Is.Not.Null);
    }

    [Test, Order(4)]
    public async Task A_multi_host_url_reads_from_its_standby_and_writes_to_its_primary()
    {
        await using var db = new Database(new AksaraOptions { DatabaseUrl = _cluster.MultiHostUrl("read-write"), PoolMinSize = 0 });

        await db.InsertAsync(new ReplicaNote { NoteId = 20, Text = "through a multi-host URL" });
        Assert.That(await db.FetchValAsync<bool>("SELECT pg_is_in_recovery()"), Is.False, "the Database itself is the read-write host");
        Assert.That(await ReadsFromStandbyAsync(db.Replica), Is.True, "db.Replica prefers the standby");
        Assert.That(await ReplicatedCluster.EventuallyAsync(async () => await db.Replica.GetAsync<ReplicaNote>(20) is not null, TimeSpan.FromSeconds(30)), Is.True);
    }

    [Test, Order(5)]
    public async Task Health_reports_each_replica_without_naming_it()
    {
        await using var app = await StartAppAsync();

        using var response = await app.GetTestClient().GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var replica = JsonDocument.Parse(body).RootElement.GetProperty("replicas")[0];
        Assert.That(replica.GetProperty("connected").GetBoolean(), Is.True);
        Assert.That(replica.GetProperty("standby").GetBoolean(), Is.True);
        Assert.That(replica.GetProperty("lag_ms").GetInt64(), Is.GreaterThanOrEqualTo(0));
        Assert.That(replica.GetProperty("used").GetBoolean(), Is.True);
        Assert.That(body, Does.Not.Contain(_cluster.Standby.Port.ToString(CultureInfo.InvariantCulture)));
        await app.StopAsync();
    }

    [Test, Order(6)]
    public async Task Scaling_docs_example_reads_from_the_replica_and_reads_its_own_write_from_the_primary()
    {
        var builder = AksaraApp.CreateBuilder([], options =>
        {
            options.DatabaseUrl = _cluster.PrimaryUrl;
            options.Replicas = [_cluster.StandbyUrl];
        });
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        // From docs/scaling.md, "Read replicas".
        app.MapGet("/notes/{id:int}", async (int id, Database db) =>
            await db.Replica.GetAsync<Note>(id) ?? throw new NotFoundException($"There is no note {id}."));

        app.MapPost("/notes", async (Note note, Database db) =>
        {
            await db.InsertAsync(note);
            // This request reads what it just wrote: from the primary, where the write already is.
            return Results.Created($"/notes/{note.NoteId}", await db.GetAsync<Note>(note.NoteId));
        });
        app.UseAksaraProblemDetails();
        await app.StartAsync();
        var client = app.GetTestClient();

        using var created = await client.PostAsJsonAsync("/notes", new { noteId = 7, text = "read from a standby ✓" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await created.Content.ReadFromJsonAsync<Note>())!.Text, Is.EqualTo("read from a standby ✓"));
        Assert.That(await ReplicatedCluster.EventuallyAsync(async () =>
        {
            using var read = await client.GetAsync("/notes/7");
            return read.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30)), Is.True, "the replica serves the note once it has replayed it");
        using var missing = await client.GetAsync("/notes/8");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await ReadsFromStandbyAsync(app.Services.GetRequiredService<Database>().Replica), Is.True);
        await app.StopAsync();
    }

    [Test, Order(50)]
    public async Task A_primary_that_turns_read_only_refuses_writes_clearly_and_its_pool_is_dropped()
    {
        await using var db = new Database(new AksaraOptions { DatabaseUrl = _cluster.PrimaryUrl, ApplicationName = "demoted-primary-test", PoolMinSize = 0, PoolMaxSize = 4 });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => db.ExecuteAsync("SELECT pg_sleep(0.1)")));
        await using var admin = new NpgsqlConnection(ReplicatedCluster.Unpooled(_cluster.PrimaryUrl));
        await admin.OpenAsync();
        async Task<long> PooledConnectionsAsync() =>
            (long)(await new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'demoted-primary-test'", admin).ExecuteScalarAsync())!;
        Assert.That(await PooledConnectionsAsync(), Is.EqualTo(4));

        // What a demotion looks like to the app's open connections: the server now refuses every write.
        await new NpgsqlCommand("ALTER SYSTEM SET default_transaction_read_only = on; SELECT pg_reload_conf()", admin).ExecuteNonQueryAsync();
        try
        {
            var refused = Assert.ThrowsAsync<ReadOnlyDatabaseException>(async () =>
            {
                for (var attempt = 0; attempt < 50; attempt++, await Task.Delay(100))
                    await db.InsertAsync(new ReplicaNote { NoteId = 1000 + attempt, Text = "on a read-only server" });
            });
            Assert.That(refused!.Message, Does.Contain("read-only"));
            Assert.That(await ReplicatedCluster.EventuallyAsync(async () => await PooledConnectionsAsync() == 0, TimeSpan.FromSeconds(10)), Is.True,
                "the pool dropped its connections to the read-only server");
        }
        finally
        {
            await new NpgsqlCommand("ALTER SYSTEM RESET default_transaction_read_only; SELECT pg_reload_conf()", admin).ExecuteNonQueryAsync();
        }
    }

    [Test, Order(100)]
    public async Task A_stopped_standby_is_reported_and_reads_go_to_the_primary()
    {
        await using var db = WithReplica();
        Assert.That(await ReadsFromStandbyAsync(db.Replica), Is.True);

        await _cluster.Standby.StopAsync();

        // The first read after the stop may land on a pooled connection the server closed: that one fails as a
        // connection failure; the next ones go to the primary.
        Assert.That(await ReplicatedCluster.EventuallyAsync(async () =>
        {
            try
            {
                return !await ReadsFromStandbyAsync(db.Replica);
            }
            catch (AksaraConnectionException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(await db.Replica.GetAsync<ReplicaNote>(1), Is.Not.Null);
        var status = await db.Replica.CheckAsync();
        Assert.That(status[0], Has.Property(nameof(ReplicaStatus.Connected)).False.And.Property(nameof(ReplicaStatus.Used)).False);
        Assert.That(status[0].LagMs, Is.Null);
        Assert.That(status[0].Url, Does.Contain(_cluster.Standby.Port.ToString(CultureInfo.InvariantCulture)));

        await using var app = await StartAppAsync();
        using var health = await app.GetTestClient().GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads go to the primary: the app serves on");
        Assert.That(await health.Content.ReadAsStringAsync(), Does.Contain("\"replicas\":[{\"connected\":false,\"standby\":false,\"lag_ms\":null,\"used\":false}]"));
        await app.StopAsync();
    }

    private async Task<AksaraApplication> StartAppAsync()
    {
        var builder = AksaraApp.CreateBuilder([], options =>
        {
            options.DatabaseUrl = _cluster.PrimaryUrl;
            options.Replicas = [_cluster.StandbyUrl];
            options.PoolMinSize = 0;
        });
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.MapAksaraHealth();
        await app.StartAsync();
        return app;
    }
}
