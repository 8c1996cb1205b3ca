using System.Collections.Concurrent;
using Aksara.Values.Converters;
using DbUp.Engine.Output;
using System.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Aksara.Tests.Migrations;

/// <summary>
/// The DDL lock timeout: a migration statement queued behind another session's lock gives up quickly (so the table's
/// traffic does not queue behind it), the script is rolled back and retried, and the final error names the blocker.
/// </summary>
public class LockTimeoutTests : MigrationTestBase
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(20);

    [SetUp]
    public Task CreateTableAsync() => ExecuteAsync("CREATE TABLE t (id int); INSERT INTO t VALUES (1);");

    [Test]
    public async Task A_script_blocked_on_every_attempt_fails_naming_the_blocker_and_changes_nothing()
    {
        WriteScript("0001_add_c.sql", "ALTER TABLE t ADD COLUMN c int;");
        await using var blocker = await OpenBlockerAsync("LOCK TABLE t IN ACCESS SHARE MODE");
        var log = new RecordingLog();
        var retries = new ConcurrentQueue<DdlLockRetry>();

        var result = await Runner(b => b.WithDdlLockTimeout(TimeSpan.FromMilliseconds(200)).WithDdlRetries(3).LogTo(log).OnDdlLockRetry(retries.Enqueue)).MigrateAsync();

        Assert.That(result.Error, Is.InstanceOf<MigrationScriptException>());
        Assert.That(result.Error!.Message, Does.StartWith("0001_add_c could not take the lock on t within 0.2 s after 3 attempts; it is blocked by ")
            .And.Contain($"pid {blocker.ProcessID} (application \"blocker\", idle in transaction for ")
            .And.Contain("LOCK TABLE t IN ACCESS SHARE MODE")
            .And.Contain($"SELECT pg_terminate_backend({blocker.ProcessID})")
            .And.Contain("nothing of 0001_add_c was applied"));
        Assert.That(((MigrationScriptException)result.Error).SqlState, Is.EqualTo("55P03"));
        Assert.That(retries.Select(retry => retry.FailedAttempt), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(log.Warnings.Count(warning => warning.Contains("could not take the lock on t", StringComparison.Ordinal) && warning.Contains($"pid {blocker.ProcessID}", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.aksara_migrations') IS NULL"), Is.True, "no journal row: the journal's own table was rolled back with the script");
        Assert.That(await ScalarAsync<bool>("SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c')"), Is.False);
    }

    [Test]
    public async Task Each_script_is_a_span_with_its_duration_and_each_lock_wait_is_counted()
    {
        WriteScript("0001_add_c.sql", "ALTER TABLE t ADD COLUMN c int;");
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        MigrationResult result;
        List<(string?, string?)> durations;
        long lockWaits;
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddAksaraInstrumentation().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddAksaraInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await using (var blocker = await OpenBlockerAsync("LOCK TABLE t IN ACCESS SHARE MODE"))
                result = await Runner(b => b.WithDdlLockTimeout(TimeSpan.FromMilliseconds(200)).WithDdlRetries(2)).MigrateAsync();
            Assert.That(result.Error, Is.InstanceOf<MigrationScriptException>());
            Assert.That((await Runner().MigrateAsync()).Error, Is.Null, "without the blocker it applies");
            // Read while the provider lives: disposing it exports (and so lists) every point once more.
            meters.ForceFlush();
            durations = MetricPoints.Of(metrics, "aksara.migration.duration", DatabaseName).Select(point => (MetricPoints.Tag(point, "aksara.migration.name"), MetricPoints.Tag(point, "error.type"))).Order().ToList();
            lockWaits = MetricPoints.Of(metrics, "aksara.migration.lock_waits", DatabaseName).Sum(point => point.GetSumLong());
        }

        var ours = spans.Where(span => span.Source.Name == AksaraInstrumentation.ActivitySourceName && (string?)span.GetTagItem("db.namespace") == DatabaseName).ToList();
        Assert.That(ours.Select(span => (span.DisplayName, span.Status)), Is.EqualTo(new[] { ("migrate 0001_add_c", ActivityStatusCode.Error), ("migrate 0001_add_c", ActivityStatusCode.Unset) }));
        Assert.That(ours[1].GetTagItem("aksara.migration.direction"), Is.EqualTo("up"));
        Assert.That(durations, Is.EqualTo(new[] { ("0001_add_c", (string?)null), ("0001_add_c", typeof(MigrationScriptException).FullName) }.Order()));
        Assert.That(lockWaits, Is.EqualTo(2L), "two attempts, each waited out its lock timeout");
    }


    [Test]
    public async Task The_retry_succeeds_once_the_blocker_commits()
    {
        WriteScript("0001_add_c.sql", "ALTER TABLE t ADD COLUMN c int;");
        await using var blocker = await OpenBlockerAsync("SELECT count(*) FROM t");
        var firstRetry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = Task.Run(async () =>
        {
            await firstRetry.Task.WaitAsync(s_bound);
            await CommitAsync(blocker);
        });

        var result = await Runner(b => b.WithDdlLockTimeout(TimeSpan.FromMilliseconds(200)).WithDdlRetries(5).OnDdlLockRetry(_ => firstRetry.TrySetResult())).MigrateAsync();
        await release;

        Assert.That(result.Error, Is.Null);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM aksara_migrations WHERE name = '0001_add_c'"), Is.EqualTo(1));
        Assert.That(await ScalarAsync<bool>("SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c')"), Is.True);
    }

    [Test]
    public async Task A_writer_queued_behind_the_waiting_migration_gets_through_within_the_lock_timeout()
    {
        var lockTimeout = TimeSpan.FromMilliseconds(300);
        WriteScript("0001_add_c.sql", "ALTER TABLE t ADD COLUMN c int;");
        await using var blocker = await OpenBlockerAsync("SELECT count(*) FROM t");
        var migration = Runner(b => b.WithDdlLockTimeout(lockTimeout).WithDdlRetries(20)).MigrateAsync();

        // The writer starts only once the ALTER is seen waiting in the lock queue: its INSERT then queues behind it, and
        // its own statement_timeout (the lock timeout + 1 s) would cancel it if the ALTER held the queue for longer.
        await WaitUntilAsync("SELECT EXISTS (SELECT FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE t%')");
        await using var writer = new NpgsqlConnection(ConnectionString + ";Application Name=writer");
        await writer.OpenAsync();
        await using (var limit = new NpgsqlCommand($"SET statement_timeout = {(int)(lockTimeout.TotalMilliseconds + 1000)}", writer))
            await limit.ExecuteNonQueryAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO t (id) VALUES (2)", writer))
            Assert.That(await insert.ExecuteNonQueryAsync(), Is.EqualTo(1), "the writer was not held up past its statement_timeout");

        await CommitAsync(blocker);
        var result = await migration.WaitAsync(s_bound);
        Assert.That(result.Error, Is.Null);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM t"), Is.EqualTo(2));
    }

    [Test]
    public async Task Cli_validates_the_ddl_flags()
    {
        WriteScript("0001_add_c.sql", "ALTER TABLE t ADD COLUMN c int;");

        var negativeTimeout = await MigrateAsync("--ddl-lock-timeout", "-1");
        var negativeRetries = await MigrateAsync("--ddl-retries", "-1");
        var zeroRetries = await MigrateAsync("--ddl-retries", "0");

        Assert.That((negativeTimeout.Exit, negativeTimeout.Error), Is.EqualTo((2, "error: --ddl-lock-timeout must be 0 (wait without limit) or more seconds." + Environment.NewLine)));
        Assert.That((negativeRetries.Exit, negativeRetries.Error), Is.EqualTo((2, "error: --ddl-retries is the number of attempts in all and must be 1 or more." + Environment.NewLine)));
        Assert.That(zeroRetries.Exit, Is.EqualTo(2));
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.aksara_migrations') IS NULL"), Is.True, "a refused run touches nothing");
    }

    [Test]
    public async Task Cli_flags_reach_the_runner_and_each_retry_is_printed()
    {
        WriteScript("0001_add_c.sql", "ALTER TABLE t ADD COLUMN c int;");
        await using var blocker = await OpenBlockerAsync("LOCK TABLE t IN ACCESS SHARE MODE");

        var run = await MigrateAsync("--ddl-lock-timeout", "0.2", "--ddl-retries", "2");

        Assert.That(run.Exit, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("0001_add_c could not take the lock on t within 0.2 s after 2 attempts")
            .And.Contain($"pid {blocker.ProcessID} (application \"blocker\""));
        Assert.That(run.Error.Split('\n').Count(line => line.StartsWith("retry: 0001_add_c: attempt 1 of 2 could not take the lock on t within 0.2 s", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(await ScalarAsync<bool>("SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c')"), Is.False);
    }

    [Test]
    public async Task Cli_json_reports_the_lock_wait_as_ddl_lock_timeout_and_keeps_the_retries_on_stderr()
    {
        WriteScript("0001_add_c.sql", "ALTER TABLE t ADD COLUMN c int;");
        await using var blocker = await OpenBlockerAsync("LOCK TABLE t IN ACCESS SHARE MODE");

        var run = await MigrateAsync("--ddl-lock-timeout", "0.2", "--ddl-retries", "2", "--json");

        Assert.That(run.Exit, Is.EqualTo(1), run.Error);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var error = json.RootElement.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("ddl_lock_timeout"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("could not take the lock on t"));
        Assert.That(run.Error, Does.Contain("retry: 0001_add_c: attempt 1 of 2"));
    }

    [Test]
    public async Task A_concurrent_index_build_waiting_for_an_older_transaction_is_not_cancelled_by_the_ddl_lock_timeout()
    {
        var lockTimeout = TimeSpan.FromMilliseconds(200);
        WriteScript("0001_index_t.sql", "-- aksara:no-transaction\nCREATE INDEX CONCURRENTLY ix_t_id ON t (id);");
        await using var blocker = await OpenBlockerAsync("INSERT INTO t VALUES (2)");
        var release = Task.Run(async () =>
        {
            try
            {
                await WaitUntilAsync("SELECT EXISTS (SELECT FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%CREATE INDEX CONCURRENTLY ix_t_id%' AND pid <> pg_backend_pid())");
                // Keep the build waiting well past the lock timeout before letting it through.
                await Task.Delay(lockTimeout * 4);
            }
            finally
            {
                await CommitAsync(blocker);
            }
        });

        var result = await Runner(b => b.WithDdlLockTimeout(lockTimeout).WithDdlRetries(1)).MigrateAsync();
        await release.WaitAsync(s_bound);

        Assert.That(result.Error, Is.Null);
        Assert.That(await ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_t_id'::regclass"), Is.True);
        Assert.That(await ScalarAsync<string>("SELECT state FROM aksara_migrations WHERE name = '0001_index_t'"), Is.EqualTo("applied"));
    }

    /// <summary>A session called <c>blocker</c> inside an open transaction that ran <paramref name="sql"/> on t.</summary>
    private async Task<NpgsqlConnection> OpenBlockerAsync(string sql)
    {
        var connection = new NpgsqlConnection(ConnectionString + ";Application Name=blocker");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("BEGIN; " + sql, connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task CommitAsync(NpgsqlConnection connection)
    {
        await using var commit = new NpgsqlCommand("COMMIT", connection);
        await commit.ExecuteNonQueryAsync();
    }

    /// <summary>Polls <paramref name="condition"/> until it is true, failing the test after a bound.</summary>
    private async Task WaitUntilAsync(string condition)
    {
        var deadline = DateTime.UtcNow + s_bound;
        while (!await ScalarAsync<bool>(condition))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting for: {condition}");
            await Task.Delay(25);
        }
    }

    private sealed class RecordingLog : IUpgradeLog
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args) { }

        public void LogWarning(string format, params object[] args) => Warnings.Enqueue(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void LogError(string format, params object[] args) { }

        public void LogError(Exception ex, string format, params object[] args) { }
    }
}
