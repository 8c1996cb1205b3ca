using System.Diagnostics;
using System.Text;
using Aksara.Cli.Commands;
using Aksara.Configuration;
using Aksara.Migrations.Scripts;
using Aksara.Tests.Starter;
using Npgsql;

namespace Aksara.Tests.Migrations;

/// <summary>
/// The journal when things go wrong: a real <c>aksara migrate</c> child process killed with SIGKILL in the middle of a
/// no-transaction script (the next runs apply nothing twice, settle what the database shows, and stop with instructions
/// otherwise), errors that point at the failing statement's line, a journal that refuses writes, and a journal written
/// by an older version.
/// </summary>
public class InterruptedMigrationTests : MigrationTestBase
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);

    private const string IndexScript = "0002_index";

    /// <summary>The journal's rows as name:state.</summary>
    private async Task<List<string>> JournalStatesAsync()
    {
        var rows = new List<string>();
        await using var command = DataSource.CreateCommand("SELECT name || ':' || state FROM aksara_migrations ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>Every index named <paramref name="name"/>, as whether each is valid.</summary>
    private async Task<List<bool>> IndexValidityAsync(string name)
    {
        var states = new List<bool>();
        await using var command = DataSource.CreateCommand("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            states.Add(reader.GetBoolean(0));
        return states;
    }

    /// <summary>Table t with rows, applied in-process, so that the child only has the no-transaction script left to run.</summary>
    private async Task ArrangeTableWithRowsAsync()
    {
        WriteScript("0001_table.sql", "CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL);\nINSERT INTO t SELECT n, n FROM generate_series(1, 2000) AS n;\n");
        var setup = await MigrateAsync();
        Assert.That(setup.Exit, Is.Zero, setup.Error);
    }

    private void WriteIndexScript() =>
        WriteScript(IndexScript + ".sql", $"-- {IndexScript}\n-- aksara:no-transaction\n\nCREATE INDEX CONCURRENTLY ix_t_v ON t (v);\n");

    /// <summary>
    /// An open transaction that has written to t: a concurrent index build on t waits for it (before it builds anything),
    /// which is where the kill lands.
    /// </summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> OpenWriterOnTAsync()
    {
        var connection = Connection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO t VALUES (1000000, 1000000)", connection, transaction);
        await insert.ExecuteNonQueryAsync();
        return (connection, transaction);
    }

    /// <summary><c>dotnet aksara.dll migrate</c> in a child process, its output collected.</summary>
    private sealed class ChildMigrate : IDisposable
    {
        private readonly StringBuilder _output = new();

        public ChildMigrate(string databaseUrl, string folder, params string[] args)
        {
            var start = DotnetCli.StartInfo(folder, [Path.Combine(AppContext.BaseDirectory, "aksara.dll"), "migrate", "--database-url", databaseUrl, "--dir", folder, .. args]);
            Process = new Process { StartInfo = start };
            Process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
            Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
            Process.Start();
            Process.StandardInput.Close();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        /// <summary>SIGKILL: no finally block, no unlock, no journal update runs in the child.</summary>
        public void Kill()
        {
            Process.Kill(entireProcessTree: true);
            if (!Process.WaitForExit(s_deadline))
                Assert.Fail($"the child (pid {Process.Id}) did not die");
        }

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited)
                    Process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited in between.
            }
            Process.Dispose();
        }
    }

    /// <summary>Polls until <paramref name="sql"/> returns a row (its first column), within the deadline.</summary>
    private async Task<T> WaitForAsync<T>(string what, string sql, ChildMigrate? child = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using (var command = DataSource.CreateCommand(sql))
            {
                if (await command.ExecuteScalarAsync() is T found)
                    return found;
            }
            if (child is { Process.HasExited: true })
                Assert.Fail($"the child exited ({child.Process.ExitCode}) before {what}:{Environment.NewLine}{child.Output}");
            if (waited.Elapsed > s_deadline)
                Assert.Fail($"gave up after {s_deadline} waiting for {what}" + (child is null ? "" : $":{Environment.NewLine}{child.Output}"));
            await Task.Delay(100);
        }
    }

    /// <summary>The backend of another session running a statement containing <paramref name="fragment"/>, optionally only while it waits on a lock.</summary>
    private Task<int> WaitForBackendAsync(string what, string fragment, bool waitingOnLock, ChildMigrate child) => WaitForAsync<int>(what,
        $"""
        SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
          AND position({Literal(fragment)} in query) > 0 {(waitingOnLock ? "AND wait_event_type = 'Lock'" : "")}
        LIMIT 1
        """, child);

    /// <summary>Waits (bounded) until backend <paramref name="pid"/> has ended.</summary>
    private Task WaitForBackendGoneAsync(int pid) =>
        WaitForAsync<bool>($"backend {pid} to end", $"SELECT true WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = {pid})");

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private async Task<bool> TerminateAsync(int pid) => await ScalarAsync<bool>($"SELECT pg_terminate_backend({pid})");

    [Test]
    public async Task A_run_killed_during_a_concurrent_index_build_that_then_finishes_is_recorded_applied_once()
    {
        await ArrangeTableWithRowsAsync();
        WriteIndexScript();
        var (blocker, transaction) = await OpenWriterOnTAsync();
        try
        {
            int builder;
            using (var child = new ChildMigrate(DatabaseUrl, Folder))
            {
                builder = await WaitForBackendAsync("the index build to wait for the open writer", "CREATE INDEX CONCURRENTLY ix_t_v", waitingOnLock: true, child);
                child.Kill();
            }
            Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_table:applied", $"{IndexScript}:started" }), "journalled before its statement ran");

            await transaction.CommitAsync();
            // The orphaned backend goes on with the build once the writer is gone, and ends when it finds its client gone.
            await WaitForBackendGoneAsync(builder);
            var indexesBefore = await IndexValidityAsync("ix_t_v");

            var next = await MigrateAsync();
            var check = await MigrateAsync("--check", "--no-drift");
            var again = await MigrateAsync();

            Assert.That(indexesBefore, Is.EqualTo(new[] { true }), "the orphaned build finished on the server");
            Assert.That(next.Exit, Is.Zero, next.Output + next.Error);
            Assert.That(await IndexValidityAsync("ix_t_v"), Is.EqualTo(new[] { true }), "built once, never dropped and rebuilt");
            Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_table:applied", $"{IndexScript}:applied" }));
            Assert.That(check.Exit, Is.Zero, check.Output + check.Error);
            Assert.That(again.Output, Does.Contain("No migrations to apply."));
        }
        finally
        {
            await blocker.DisposeAsync();
        }
    }

    [Test]
    public async Task A_killed_build_whose_backend_was_terminated_stops_the_next_run_until_resolved_then_is_rebuilt()
    {
        await ArrangeTableWithRowsAsync();
        WriteIndexScript();
        var (blocker, transaction) = await OpenWriterOnTAsync();
        try
        {
            using (var child = new ChildMigrate(DatabaseUrl, Folder))
            {
                var builder = await WaitForBackendAsync("the index build to wait for the open writer", "CREATE INDEX CONCURRENTLY ix_t_v", waitingOnLock: true, child);
                child.Kill();
                Assert.That(await TerminateAsync(builder), Is.True);
                await WaitForBackendGoneAsync(builder);
            }
            await transaction.RollbackAsync();
        }
        finally
        {
            await blocker.DisposeAsync();
        }
        Assert.That(await IndexValidityAsync("ix_t_v"), Is.EqualTo(new[] { false }), "the interrupted build left an INVALID index");

        var stopped = await MigrateAsync();
        var journalAfterStop = await JournalStatesAsync();
        var indexAfterStop = await IndexValidityAsync("ix_t_v");
        var list = await MigrateAsync("--list");
        var resolve = await MigrateAsync("--resolve", IndexScript, "--rolled-back");
        var rerun = await MigrateAsync();

        Assert.That(stopped.Exit, Is.EqualTo(1));
        Assert.That(stopped.Error, Does.Contain($"{IndexScript} was interrupted")
            .And.Contain($"aksara migrate --resolve {IndexScript} --applied")
            .And.Contain($"aksara migrate --resolve {IndexScript} --rolled-back"));
        Assert.That(journalAfterStop, Is.EqualTo(new[] { "0001_table:applied", $"{IndexScript}:started" }), "the stopped run changed nothing");
        Assert.That(indexAfterStop, Is.EqualTo(new[] { false }));
        Assert.That(list.Output, Does.Contain($"[~] {IndexScript}"));
        Assert.That(resolve.Exit, Is.Zero, resolve.Error);
        Assert.That(rerun.Exit, Is.Zero, rerun.Output + rerun.Error);
        Assert.That(await IndexValidityAsync("ix_t_v"), Is.EqualTo(new[] { true }), "the INVALID leftover was dropped and the index built again");
        Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_table:applied", $"{IndexScript}:applied" }));
        Assert.That((await MigrateAsync("--check", "--no-drift")).Exit, Is.Zero);
    }

    [Test]
    public async Task A_killed_script_whose_outcome_cannot_be_verified_needs_resolve_and_then_ran_exactly_once()
    {
        await ArrangeTableWithRowsAsync();
        WriteScript("0002_bump.sql", "-- aksara:no-transaction\nUPDATE t SET v = v + 1;\nSELECT pg_sleep(30);\n");
        var sumBefore = await ScalarAsync<long>("SELECT sum(v) FROM t");
        var rows = await ScalarAsync<long>("SELECT count(*) FROM t");

        using (var child = new ChildMigrate(DatabaseUrl, Folder))
        {
            var sleeper = await WaitForBackendAsync("the script to reach pg_sleep", "pg_sleep(30)", waitingOnLock: false, child);
            child.Kill();
            // The orphaned session would sleep out its 30 s; end it rather than wait.
            await TerminateAsync(sleeper);
            await WaitForBackendGoneAsync(sleeper);
        }

        var stopped = await MigrateAsync();
        var sumAfterStop = await ScalarAsync<long>("SELECT sum(v) FROM t");
        var resolve = await MigrateAsync("--resolve", "0002", "--applied");
        var check = await MigrateAsync("--check", "--no-drift");
        var again = await MigrateAsync();

        Assert.That(stopped.Exit, Is.EqualTo(1));
        Assert.That(stopped.Error, Does.Contain("0002_bump was interrupted").And.Contain("--resolve 0002_bump --applied"));
        Assert.That(sumAfterStop, Is.EqualTo(sumBefore + rows), "the UPDATE committed before the kill; the stopped run did not run it again");
        Assert.That(resolve.Exit, Is.Zero, resolve.Error);
        Assert.That(check.Exit, Is.Zero, check.Output + check.Error);
        Assert.That(again.Output, Does.Contain("No migrations to apply."));
        Assert.That(await ScalarAsync<long>("SELECT sum(v) FROM t"), Is.EqualTo(sumBefore + rows), "the UPDATE ran exactly once");
        Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_table:applied", "0002_bump:applied" }));
    }

    [Test]
    public async Task A_revert_killed_during_a_concurrent_index_drop_that_then_finishes_is_recorded_reverted_by_the_next_move()
    {
        await ArrangeTableWithRowsAsync();
        WriteIndexScript();
        WriteScript(IndexScript + ".down.sql", "-- aksara:no-transaction\nDROP INDEX CONCURRENTLY ix_t_v;\n");
        Assert.That((await MigrateAsync()).Exit, Is.Zero);
        // A concurrent drop waits for every transaction that has used the table, readers too.
        await using var blocker = Connection(ConnectionString);
        await blocker.OpenAsync();
        var transaction = await blocker.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM t", blocker, transaction))
            await read.ExecuteScalarAsync();

        int dropper;
        using (var child = new ChildMigrate(DatabaseUrl, Folder, "--to", "0001_table"))
        {
            dropper = await WaitForBackendAsync("the index drop to wait for the open reader", "DROP INDEX CONCURRENTLY ix_t_v", waitingOnLock: true, child);
            child.Kill();
        }
        var journalAfterKill = await JournalStatesAsync();
        await transaction.CommitAsync();
        await WaitForBackendGoneAsync(dropper);
        var indexAfterOrphan = await IndexValidityAsync("ix_t_v");

        var next = await MigrateAsync("--to", "0001_table");
        var again = await MigrateAsync("--to", "0001_table");

        Assert.That(journalAfterKill, Is.EqualTo(new[] { "0001_table:applied", $"{IndexScript}:reverting" }));
        Assert.That(indexAfterOrphan, Is.Empty, "the orphaned drop finished on the server");
        Assert.That(next.Exit, Is.Zero, next.Output + next.Error);
        Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_table:applied" }));
        Assert.That(again.Output, Does.Contain("No migrations to apply."));
        Assert.That(await IndexValidityAsync("ix_t_v"), Is.Empty);
    }

    [TestCase("-- 0001_div\n-- divides by zero\n--\n\nSELECT 1/0;\n", 5)]
    [TestCase("CREATE TABLE a (id int);\n\n-- now fail\n/* a block comment */\nDO $$ BEGIN RAISE EXCEPTION 'x'; END $$;\n", 5)]
    [TestCase("-- aksara:no-transaction\n\nCREATE TABLE a (id int);\n-- next\nSELECT 1/0;\n", 5)]
    public async Task A_failing_statement_without_a_position_reports_the_line_where_it_starts(string script, int line)
    {
        WriteScript("0001_fails.sql", script);

        var result = await Runner().MigrateAsync();
        var cli = await MigrateAsync("--list");

        var error = (MigrationScriptException)result.Error!;
        Assert.That(error.Line, Is.EqualTo(line));
        Assert.That(error.Message, Does.Contain($"0001_fails failed at line {line}"));
        Assert.That(error.Message, Does.Contain(script.Split('\n')[line - 1]), "the line is quoted");
        Assert.That(cli.Output, Does.Contain("[ ] 0001_fails"), "a clean failure leaves no row behind, not even a started one");
    }

    [Test]
    public async Task A_journal_that_refuses_writes_is_reported_as_such_and_the_script_is_rolled_back()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        Assert.That((await MigrateAsync()).Exit, Is.Zero);
        await ExecuteAsync(
            """
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the journal is read-only'; END $$;
            CREATE TRIGGER read_only BEFORE INSERT OR UPDATE OR DELETE ON aksara_migrations FOR EACH ROW EXECUTE FUNCTION refuse();
            """);
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n");

        var result = await Runner().MigrateAsync();
        var cli = await MigrateAsync();

        var error = (MigrationScriptException)result.Error!;
        Assert.That(error.ScriptName, Is.EqualTo("0002_b"));
        Assert.That(error.Message, Does.Contain("0002_b: writing the migration journal failed").And.Contain("the journal is read-only").And.Contain("P0001"));
        Assert.That(error.Message, Does.Not.StartWith("P0001:"), "not the raw protocol text");
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.b') IS NULL"), Is.True, "the script's changes were rolled back with the journal row");
        Assert.That(cli.Exit, Is.EqualTo(1));
        Assert.That(cli.Error, Does.Contain("writing the migration journal failed").And.Contain("0002_b"));
        Assert.That(await JournalAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_no_transaction_script_whose_journal_row_cannot_be_written_runs_none_of_its_statements()
    {
        await ArrangeTableWithRowsAsync();
        await ExecuteAsync(
            """
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the journal is read-only'; END $$;
            CREATE TRIGGER read_only BEFORE INSERT ON aksara_migrations FOR EACH ROW EXECUTE FUNCTION refuse();
            """);
        WriteIndexScript();

        var cli = await MigrateAsync();

        Assert.That(cli.Exit, Is.EqualTo(1));
        Assert.That(cli.Error, Does.Contain($"{IndexScript}: writing the migration journal failed").And.Contain("Nothing of the script ran"));
        Assert.That(await IndexValidityAsync("ix_t_v"), Is.Empty);
        Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_table:applied" }));
    }

    [Test]
    public async Task A_no_transaction_revert_whose_journal_row_cannot_be_marked_is_reported_as_a_journal_error_and_runs_nothing()
    {
        await ArrangeTableWithRowsAsync();
        WriteIndexScript();
        WriteScript(IndexScript + ".down.sql", "-- aksara:no-transaction\nDROP INDEX CONCURRENTLY ix_t_v;\n");
        Assert.That((await MigrateAsync()).Exit, Is.Zero);
        await ExecuteAsync(
            """
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the journal is read-only'; END $$;
            CREATE TRIGGER read_only BEFORE UPDATE ON aksara_migrations FOR EACH ROW EXECUTE FUNCTION refuse();
            """);

        var back = await MigrateAsync("--to", "0001_table");

        Assert.That(back.Exit, Is.EqualTo(1));
        Assert.That(back.Error, Does.Contain($"{IndexScript}.down.sql: writing the migration journal failed").And.Contain("the journal is read-only"));
        Assert.That(back.Error, Does.Not.Contain("P0001:"), "not the raw protocol text");
        Assert.That(await IndexValidityAsync("ix_t_v"), Is.EqualTo(new[] { true }), "the down script did not run");
        Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_table:applied", $"{IndexScript}:applied" }));
    }

    /// <summary>A login role of its own (dropped afterwards) with <paramref name="grants"/>, as a URL of this database.</summary>
    private async Task<(string Url, Func<Task> Drop)> CreateRoleAsync(string grants)
    {
        var role = "aksara_deployer_" + Guid.NewGuid().ToString("N")[..8];
        const string password = "deploy-pw";
        await ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT USAGE, CREATE ON SCHEMA public TO {role}; {grants.Replace("ROLE", role, StringComparison.Ordinal)}");
        var url = PostgresUrl.Build(Server.Host, Server.Port, role, password, DatabaseName);
        return (url, () => ExecuteAsync($"REASSIGN OWNED BY {role} TO CURRENT_USER; DROP OWNED BY {role}; DROP ROLE {role}"));
    }

    private Task<(int Exit, string Output, string Error)> MigrateAsAsync(string url) =>
        RunCommandAsync(MigrateCommand.Create(TextReader.Null, () => false), "migrate", "--database-url", url, "--migrations-dir", Folder);

    [Test]
    public async Task A_role_that_may_write_the_journal_rows_but_does_not_own_it_can_migrate()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        Assert.That((await MigrateAsync()).Exit, Is.Zero);
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);");
        WriteScript("0003_ix.sql", "-- aksara:no-transaction\nCREATE INDEX CONCURRENTLY ix_b ON b (id);\n");
        var (url, drop) = await CreateRoleAsync("GRANT SELECT, INSERT, UPDATE, DELETE ON aksara_migrations TO ROLE;");
        try
        {
            var result = await MigrateAsAsync(url);

            Assert.That(result.Exit, Is.Zero, result.Error);
            Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_a:applied", "0002_b:applied", "0003_ix:applied" }));
        }
        finally
        {
            await drop();
        }
    }

    [Test]
    public async Task A_role_that_may_not_insert_into_the_journal_gets_a_journal_error_and_the_script_is_rolled_back()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        Assert.That((await MigrateAsync()).Exit, Is.Zero);
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n");
        var (url, drop) = await CreateRoleAsync("GRANT SELECT, UPDATE, DELETE ON aksara_migrations TO ROLE;");
        try
        {
            var result = await MigrateAsAsync(url);

            Assert.That(result.Exit, Is.EqualTo(1));
            Assert.That(result.Error, Does.Contain("0002_b: writing the migration journal failed").And.Contain("permission denied for table aksara_migrations"));
            Assert.That(result.Error, Does.Not.Contain("42501:"), "not the raw protocol text");
            Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.b') IS NULL"), Is.True, "the script was rolled back with its journal row");
            Assert.That(await JournalStatesAsync(), Is.EqualTo(new[] { "0001_a:applied" }));
        }
        finally
        {
            await drop();
        }
    }

    [Test]
    public async Task A_journal_of_the_older_format_is_read_as_is_and_gains_the_new_columns_on_the_next_run()
    {
        const string first = "CREATE TABLE a (id int);";
        WriteScript("0001_a.sql", first);
        WriteScript("0001_a.down.sql", "DROP TABLE a;");
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);");
        WriteScript("0002_b.down.sql", "DROP TABLE b;");
        await ExecuteAsync(
            $"""
            CREATE TABLE a (id int);
            CREATE TABLE aksara_migrations (name text NOT NULL PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), execution_ms integer);
            INSERT INTO aksara_migrations (name, checksum, execution_ms) VALUES ('0001_a', '{ScriptChecksum.Compute(first)}', 7);
            """);

        var list = await MigrateAsync("--list");
        var columnsAfterList = await ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'aksara_migrations'");
        var migrate = await MigrateAsync();
        var columns = await ScalarAsync<string>("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'aksara_migrations'");
        var check = await MigrateAsync("--check", "--no-drift");
        var back = await MigrateAsync("--to", "zero");

        var lines = list.Output.Trim().Split(Environment.NewLine);
        Assert.That(list.Exit, Is.Zero, list.Error);
        Assert.That(lines[0], Does.StartWith("[X] 0001_a").And.Not.Contain("modified"));
        Assert.That(lines[1], Does.StartWith("[ ] 0002_b"));
        Assert.That(columnsAfterList, Is.EqualTo(4), "reading does not alter the journal");
        Assert.That(migrate.Exit, Is.Zero, migrate.Error);
        Assert.That(migrate.Output, Does.Contain("Applied 1 migration."));
        Assert.That(columns, Is.EqualTo("name,checksum,applied_at,execution_ms,down_checksum,state,module"));
        Assert.That(check.Exit, Is.Zero, check.Output + check.Error);
        Assert.That(back.Exit, Is.Zero, back.Error);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM aksara_migrations"), Is.Zero);
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.a') IS NULL AND to_regclass('public.b') IS NULL"), Is.True,
            "the row from the old journal (no down checksum) reverts too");
    }
}
