using Aksara.Migrations.Running;
using Aksara.Migrations.Schema;
using Npgsql;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

public class MigrationRunnerTests : MigrationTestBase
{
    [Test]
    public async Task A_failing_script_leaves_schema_and_journal_exactly_as_before_and_stops_the_run()
    {
        WriteScript("0001_ok.sql", "CREATE TABLE a (id int PRIMARY KEY);");
        Assert.That((await Runner().MigrateAsync()).Successful, Is.True);
        var schemaBefore = new SchemaSnapshot(await ReadLiveSchemaAsync(), null).ToJson();
        var journalBefore = await JournalAsync();
        WriteScript("0002_broken.sql", "-- adds b\nCREATE TABLE b (id int PRIMARY KEY);\nINSERT INTO a VALUES (1);\n\nALTER TABLE a\n  ADD COLUMN c nosuchtype;\n");
        WriteScript("0003_after.sql", "CREATE TABLE c (id int);");

        var result = await Runner().MigrateAsync();

        Assert.That(result.Successful, Is.False);
        var error = (MigrationScriptException)result.Error!;
        Assert.That(error.ScriptName, Is.EqualTo("0002_broken"));
        Assert.That(error.Line, Is.EqualTo(6));
        Assert.That(error.Message, Does.Contain("type \"nosuchtype\" does not exist").And.Contain("line 6").And.Contain("ADD COLUMN c nosuchtype"));
        Assert.That(new SchemaSnapshot(await ReadLiveSchemaAsync(), null).ToJson(), Is.EqualTo(schemaBefore));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM a"), Is.Zero);
        Assert.That(await JournalAsync(), Is.EqualTo(journalBefore));
    }

    [Test]
    public async Task A_failing_first_script_does_not_even_leave_the_journal_table()
    {
        WriteScript("0001_broken.sql", "CREATE TABLE a (id nosuchtype);");

        var result = await Runner().MigrateAsync();

        Assert.That(result.Successful, Is.False);
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.aksara_migrations') IS NULL"), Is.True);
    }

    [Test]
    public async Task Two_migrators_started_together_apply_each_script_exactly_once_and_both_succeed()
    {
        await ExecuteAsync("CREATE TABLE runs (n int)");
        WriteScript("0001_slow.sql", "INSERT INTO runs VALUES (1);\nSELECT pg_sleep(0.5);");
        WriteScript("0002_next.sql", "INSERT INTO runs VALUES (2);");
        await using var other = new Database(new AksaraOptions { DatabaseUrl = DatabaseUrl, PoolMinSize = 0, PoolMaxSize = 4 });

        var results = await Task.WhenAll(
            Task.Run(() => Runner().MigrateAsync()),
            Task.Run(() => MigrationRunner.For(other).FromDirectory(Folder).Build().MigrateAsync()));

        Assert.That(results.Select(result => result.Successful), Is.All.True);
        Assert.That(results.Sum(result => result.Applied.Count), Is.EqualTo(2));
        Assert.That(await ScalarAsync<string>("SELECT string_agg(n::text, ',' ORDER BY n) FROM runs"), Is.EqualTo("1,2"));
    }

    [Test]
    public async Task A_held_lock_makes_the_run_give_up_after_the_timeout_naming_the_lock()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        await using var holder = await DataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock.Key})", holder))
            await take.ExecuteScalarAsync();

        var error = Assert.ThrowsAsync<MigrationLockTimeoutException>(() => Runner(builder => builder.WithLockTimeout(TimeSpan.FromMilliseconds(300))).MigrateAsync())!;
        // A pooled connection keeps its session (and the lock) until it is reused; let go explicitly.
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", holder))
            await release.ExecuteScalarAsync();

        Assert.That(error.Message, Does.Contain($"pg_advisory_lock({MigrationLock.Key})").And.Contain("backend pid"));
        Assert.That(await JournalAsync(), Is.Empty);
    }

    [Test]
    public async Task An_edited_applied_script_is_reported_and_blocks_the_next_run()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        await Runner().MigrateAsync();
        WriteScript("0001_a.sql", "CREATE TABLE a (id bigint);");
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);");

        var statuses = await Runner().GetStatusAsync();
        var result = await Runner().MigrateAsync();

        Assert.That(statuses.Select(status => status.State), Is.EqualTo(new[] { MigrationState.Modified, MigrationState.Pending }));
        Assert.That(result.Error, Is.InstanceOf<ModifiedMigrationsException>());
        Assert.That(result.Error!.Message, Does.Contain("0001_a"));
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.b') IS NULL"), Is.True);
    }

    [Test]
    public async Task A_create_index_concurrently_script_applies_outside_a_transaction()
    {
        WriteScript("0001_table.sql", "CREATE TABLE t (id int);\nINSERT INTO t SELECT generate_series(1, 1000);");
        WriteScript("0002_index.sql", "-- 0002_index\n-- aksara:no-transaction\n\nCREATE INDEX CONCURRENTLY ix_t_id ON t (id);\nCREATE INDEX CONCURRENTLY ix_t_id_desc ON t (id DESC);\n");

        var result = await Runner().MigrateAsync();

        Assert.That(result.Error, Is.Null);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE 'ix_t_id%' AND i.indisvalid"), Is.EqualTo(2));
        Assert.That((await Runner().GetStatusAsync()).Select(status => status.State), Is.All.EqualTo(MigrationState.Applied));
    }

    [Test]
    public async Task Dollar_quoted_bodies_survive_untouched()
    {
        WriteScript("0001_functions.sql",
            """
            CREATE FUNCTION greet(name text) RETURNS text AS $BODY$
            BEGIN
              RETURN '$name$ ' || name || '; $schema$';
            END;
            $BODY$ LANGUAGE plpgsql;

            CREATE FUNCTION twice(x int) RETURNS int AS $name$ SELECT x * 2; $name$ LANGUAGE sql;
            """);

        var result = await Runner().MigrateAsync();

        Assert.That(result.Error, Is.Null);
        Assert.That(await ScalarAsync<string>("SELECT greet('Ada')"), Is.EqualTo("$name$ Ada; $schema$"));
        Assert.That(await ScalarAsync<int>("SELECT twice(21)"), Is.EqualTo(42));
    }

    [Test]
    public async Task A_generated_script_run_twice_is_a_no_op_the_second_time_and_check_is_clean()
    {
        Generate(Db(Table("customers", Id(), Text("name"))));

        var first = await Runner().MigrateAsync();
        var second = await Runner().MigrateAsync();

        Assert.That(first.Applied, Has.Count.EqualTo(1));
        Assert.That(second.Successful, Is.True);
        Assert.That(second.Applied, Is.Empty);
        Assert.That(await Runner().CheckAsync(), Is.Empty);
        Assert.That(await JournalAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Status_lists_applied_pending_and_missing_scripts_in_order()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);");
        await Runner().MigrateAsync();
        File.Delete(Path.Combine(Folder, "0002_b.sql"));
        WriteScript("0003_c.sql", "CREATE TABLE c (id int);");

        var statuses = await Runner().GetStatusAsync();
        var problems = await Runner().CheckAsync();

        Assert.That(statuses.Select(status => (status.Name, status.State)), Is.EqualTo(new[]
        {
            ("0001_a", MigrationState.Applied), ("0002_b", MigrationState.Missing), ("0003_c", MigrationState.Pending),
        }));
        Assert.That(statuses[0].AppliedAt, Is.Not.Null);
        Assert.That(problems, Is.EqualTo(new[] { "0002_b was applied but is missing from the migrations", "0003_c is pending" }));
    }

    [Test]
    public async Task Pending_scripts_can_be_shown_without_running_and_recorded_without_running()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");

        var pending = await Runner().GetPendingAsync();
        var faked = await Runner().MarkAsAppliedAsync();

        Assert.That(pending.Single().Sql, Is.EqualTo("CREATE TABLE a (id int);"));
        Assert.That(faked.Applied.Select(applied => applied.Name), Is.EqualTo(new[] { "0001_a" }));
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.a') IS NULL"), Is.True);
        var status = (await Runner().GetStatusAsync()).Single();
        Assert.That(status.State, Is.EqualTo(MigrationState.Applied));
        Assert.That(status.ExecutionTime, Is.Null, "a faked script never ran");
    }

    [Test]
    public async Task Each_applied_script_is_reported_as_it_completes()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);");
        var reported = new List<string>();

        await Runner(builder => builder.OnScriptApplied(applied => reported.Add(applied.Name))).MigrateAsync();

        Assert.That(reported, Is.EqualTo(new[] { "0001_a", "0002_b" }));
    }
}
