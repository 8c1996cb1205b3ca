using Npgsql;

namespace Aksara.Tests.Data;

public sealed class SessionTests : DatabaseTestBase
{
    private Database _db = null!;

    [Table("notes")]
    public sealed class Note
    {
        [PrimaryKey] public int Id { get; set; }
        public string Text { get; set; } = "";
    }

    [Table("worlds")]
    public sealed class World
    {
        [PrimaryKey] public int Id { get; set; }
        public int Visits { get; set; }
    }

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        // One connection in the pool: what a session holds is then exactly what the rest of the application waits for.
        _db = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 1);
        await _db.ExecuteAsync("CREATE TABLE notes (id integer PRIMARY KEY, text text NOT NULL)");
        await _db.ExecuteAsync("CREATE TABLE worlds (id integer PRIMARY KEY, visits integer NOT NULL)");
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [SetUp]
    public async Task EmptyAsync() => await _db.ExecuteAsync("TRUNCATE notes");

    [Test]
    public async Task Every_call_on_a_session_runs_on_the_same_server_connection()
    {
        await using var session = await _db.OpenSessionAsync();
        var pids = new List<int>();
        for (var i = 0; i < 5; i++)
            pids.Add(await session.FetchValAsync<int>("SELECT pg_backend_pid()"));
        await session.InsertAsync(new Note { Id = 1, Text = "held" });
        pids.Add((await session.FetchRowAsync<int>("SELECT pg_backend_pid()")));

        Assert.That(pids.Distinct(), Has.Exactly(1).Items);
        Assert.That(await session.GetAsync<Note>(1), Has.Property(nameof(Note.Text)).EqualTo("held"));
    }

    [Test]
    public async Task The_example_in_docs_database_md_runs_as_written()
    {
        await _db.ExecuteAsync("TRUNCATE worlds; INSERT INTO worlds SELECT g, 0 FROM generate_series(1, 5) g");
        var db = _db;
        int[] ids = [2, 4, 5];

        // docs/database.md, "Sessions"
        await using var session = await db.OpenSessionAsync();
        var worlds = new List<World>();
        foreach (var id in ids)
            worlds.Add((await session.GetAsync<World>(id))!);          // every call on the same connection
        await session.ExecuteAsync("UPDATE worlds SET visits = visits + 1 WHERE id = ANY($1)", ids);

        Assert.That(worlds.Select(world => world.Id), Is.EqualTo(ids));
        Assert.That(await session.FetchAsync<int>("SELECT id FROM worlds WHERE visits = 1 ORDER BY id"), Is.EqualTo(ids));
    }

    [Test]
    public async Task Session_state_lasts_for_the_session_and_is_reset_when_the_connection_goes_back()
    {
        int pid;
        await using (var session = await _db.OpenSessionAsync())
        {
            pid = await session.FetchValAsync<int>("SELECT pg_backend_pid()");
            await session.ExecuteAsync("SET application_name = 'inside the session'");
            await session.ExecuteAsync("CREATE TEMPORARY TABLE scratch (x int)");
            await session.ExecuteAsync("INSERT INTO scratch VALUES (1), (2)");

            Assert.That(await session.FetchValAsync<string>("SHOW application_name"), Is.EqualTo("inside the session"));
            Assert.That(await session.FetchValAsync<long>("SELECT count(*) FROM scratch"), Is.EqualTo(2));
        }

        // The pool holds one connection, so this is the same server process, reset by the pool on its return.
        Assert.That(await _db.FetchValAsync<int>("SELECT pg_backend_pid()"), Is.EqualTo(pid));
        Assert.That(await _db.FetchValAsync<string>("SHOW application_name"), Is.Not.EqualTo("inside the session"));
        Assert.That(await _db.FetchValAsync<string>("SELECT to_regclass('pg_temp.scratch')::text"), Is.Null);
    }

    [Test]
    public async Task A_session_holds_its_connection_until_it_is_disposed()
    {
        var session = await _db.OpenSessionAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            // The pool's only connection is the session's: another caller waits for it.
            Assert.That(async () => await _db.FetchValAsync<int>("SELECT 1", timeout.Token), Throws.InstanceOf<OperationCanceledException>());
        }
        await session.DisposeAsync();

        Assert.That(await _db.FetchValAsync<int>("SELECT 1"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_disposed_session_says_how_to_get_a_new_one()
    {
        var session = await _db.OpenSessionAsync();
        await session.DisposeAsync();
        await session.DisposeAsync(); // twice is harmless

        var error = Assert.ThrowsAsync<ObjectDisposedException>(() => session.FetchValAsync<int>("SELECT 1"));
        Assert.That(error!.Message, Does.Contain("OpenSessionAsync"));
    }

    [Test]
    public async Task A_transaction_on_a_session_uses_its_connection_and_commits()
    {
        await using var session = await _db.OpenSessionAsync();
        var sessionPid = await session.FetchValAsync<int>("SELECT pg_backend_pid()");

        await using (var tx = await session.BeginTransactionAsync())
        {
            Assert.That(await tx.FetchValAsync<int>("SELECT pg_backend_pid()"), Is.EqualTo(sessionPid));
            await tx.InsertAsync(new Note { Id = 1, Text = "in tx" });
            // A call on the session while its transaction is open runs in it.
            await session.ExecuteAsync("INSERT INTO notes VALUES ($1, $2)", 2, "via session");
            Assert.That(await OtherConnectionCountAsync(), Is.Zero, "uncommitted rows are invisible elsewhere");
            await tx.CommitAsync();
        }

        Assert.That(await OtherConnectionCountAsync(), Is.EqualTo(2));
        Assert.That(await session.FetchValAsync<int>("SELECT pg_backend_pid()"), Is.EqualTo(sessionPid), "the session kept its connection");
    }

    [Test]
    public async Task TransactionAsync_on_a_session_rolls_back_and_the_session_stays_usable()
    {
        await using var session = await _db.OpenSessionAsync();

        Assert.ThrowsAsync<UniqueViolationException>(() => session.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync("INSERT INTO notes VALUES (1, 'first')");
            await tx.ExecuteAsync("INSERT INTO notes VALUES (1, 'duplicate')");
        }));

        Assert.That(await session.FetchValAsync<long>("SELECT count(*) FROM notes"), Is.Zero);
        await session.ExecuteAsync("INSERT INTO notes VALUES (3, 'after')");
        Assert.That(await OtherConnectionCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Nested_transactions_on_a_session_are_savepoints()
    {
        await using var session = await _db.OpenSessionAsync();
        await session.TransactionAsync(async outer =>
        {
            await outer.ExecuteAsync("INSERT INTO notes VALUES (1, 'outer')");
            Assert.ThrowsAsync<UniqueViolationException>(() => session.TransactionAsync(async inner =>
            {
                Assert.That(inner.IsNested, Is.True);
                await inner.ExecuteAsync("INSERT INTO notes VALUES (2, 'inner')");
                await inner.ExecuteAsync("INSERT INTO notes VALUES (1, 'duplicate')");
            }));
        });

        Assert.That(await session.FetchAsync<string>("SELECT text FROM notes ORDER BY id"), Is.EqualTo(new[] { "outer" }));
    }

    [Test]
    public async Task Disposing_a_session_rolls_back_its_open_transaction_and_returns_the_connection()
    {
        var session = await _db.OpenSessionAsync();
        var tx = await session.BeginTransactionAsync();
        await tx.ExecuteAsync("INSERT INTO notes VALUES (1, 'never committed')");

        await session.DisposeAsync();

        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM notes"), Is.Zero);
        Assert.That(() => tx.CommitAsync(), Throws.InvalidOperationException.With.Message.Contains("rolled back"));
    }

    [Test]
    public async Task A_session_whose_connection_broke_refuses_further_calls_saying_why()
    {
        await using var session = await _db.OpenSessionAsync();
        await session.ExecuteAsync("SELECT pg_advisory_lock(42)");
        await TerminateAsync(await session.FetchValAsync<int>("SELECT pg_backend_pid()"));

        // The call that finds the connection dead fails with the connection error; later calls say what was lost,
        // rather than carry on without the advisory lock on a fresh connection.
        Assert.That(async () => await session.FetchValAsync<int>("SELECT 1"), Throws.Exception);
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => session.FetchValAsync<int>("SELECT 1"));
        Assert.That(error!.Message, Does.Contain("advisory locks").And.Contain("OpenSessionAsync"));
    }

    [Test]
    public async Task A_connection_that_broke_inside_a_transaction_is_not_silently_replaced()
    {
        await using var session = await _db.OpenSessionAsync();
        await using var tx = await session.BeginTransactionAsync();
        await tx.ExecuteAsync("INSERT INTO notes VALUES (1, 'lost with the connection')");
        await TerminateAsync(await session.FetchValAsync<int>("SELECT pg_backend_pid()"));

        Assert.That(async () => await session.ExecuteAsync("INSERT INTO notes VALUES (2, 'must not run on a new connection')"), Throws.Exception);
        Assert.That(async () => await session.ExecuteAsync("INSERT INTO notes VALUES (3, 'nor this')"), Throws.Exception);
        await tx.DisposeAsync();

        Assert.That(await OtherConnectionCountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_savepoint_left_over_from_a_finished_transaction_cannot_touch_the_next_one()
    {
        await using var session = await _db.OpenSessionAsync();
        var first = await session.BeginTransactionAsync();
        var savepoint = await first.BeginTransactionAsync();
        await first.CommitAsync();

        await using var second = await session.BeginTransactionAsync();
        await second.ExecuteAsync("INSERT INTO notes VALUES (1, 'second')");
        Assert.That(() => savepoint.ExecuteAsync("INSERT INTO notes VALUES (2, 'stray')"),
            Throws.InvalidOperationException.With.Message.Contains("outer transaction"));
        await savepoint.DisposeAsync(); // must not roll anything back in the second transaction
        await second.CommitAsync();
        await first.DisposeAsync();

        Assert.That(await session.FetchAsync<string>("SELECT text FROM notes ORDER BY id"), Is.EqualTo(new[] { "second" }));
    }

    [Test]
    public async Task A_COMMIT_the_server_refuses_is_a_typed_error_and_the_session_stays_usable()
    {
        await _db.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS deferred (id int, CONSTRAINT deferred_id_key UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)
            """);
        await using var session = await _db.OpenSessionAsync();

        // The duplicate is only found at COMMIT.
        Assert.ThrowsAsync<UniqueViolationException>(() => session.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync("INSERT INTO deferred VALUES (1), (1)");
        }));

        Assert.That(await session.FetchValAsync<long>("SELECT count(*) FROM deferred"), Is.Zero);
        await session.TransactionAsync(tx => tx.ExecuteAsync("INSERT INTO deferred VALUES (2)"));
        Assert.That(await session.FetchValAsync<long>("SELECT count(*) FROM deferred"), Is.EqualTo(1));
    }

    [Test]
    public async Task Bulk_insert_and_typed_queries_run_on_the_session()
    {
        await using var session = await _db.OpenSessionAsync();
        var hostile = new[] { "it's", "'; DROP TABLE notes; --", "naïve ☃ 日本語", "\"quoted\"" };

        var inserted = await session.InsertManyAsync(hostile.Select((text, i) => new Note { Id = i + 1, Text = text }));
        var read = await session.Table<Note>().OrderBy(note => note.Id).ToListAsync();

        Assert.That(inserted, Is.EqualTo(hostile.Length));
        Assert.That(read.Select(note => note.Text), Is.EqualTo(hostile));
    }

    private async Task<long> OtherConnectionCountAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM notes");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task TerminateAsync(int pid)
    {
        await using var command = DataSource.CreateCommand("SELECT pg_terminate_backend($1)");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pid });
        await command.ExecuteScalarAsync();
        // pg_terminate_backend only signals; wait until the process is gone so the next call surely finds it dead.
        await using var gone = DataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = $1");
        gone.Parameters.Add(new NpgsqlParameter<int> { TypedValue = pid });
        for (var i = 0; i < 100 && (long)(await gone.ExecuteScalarAsync())! > 0; i++)
            await Task.Delay(20);
    }
}
