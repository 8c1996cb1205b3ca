using Aksara.Testing;
using Npgsql;

namespace Aksara.Tests.Data;

/// <summary>
/// Through a real PgBouncer (Debian's 1.18, no protocol-level prepared statements) in transaction pooling mode with
/// <c>AKSARA_PGBOUNCER=transaction</c>: every statement works however often it repeats on however many server
/// connections, sessions and transactions work, and migrations refuse to run, saying to use a direct URL.
/// </summary>
public sealed class PgBouncerTests : DatabaseTestBase
{
    private LocalPgBouncer _bouncer = null!;

    [Table("bouncer_notes")]
    public sealed class Note
    {
        [PrimaryKey] public int NoteId { get; set; }
        public string Text { get; set; } = "";
        public int Version { get; set; }
    }

    [OneTimeSetUp]
    public async Task StartBouncerAsync()
    {
        await using (var command = DataSource.CreateCommand("CREATE TABLE bouncer_notes (note_id int PRIMARY KEY, text text NOT NULL, version int NOT NULL)"))
            await command.ExecuteNonQueryAsync();
        // Two server connections for eight clients: consecutive statements of one client land on different ones.
        if (LocalPgBouncer.Binary is null)
            Assert.Ignore("PgBouncer is not installed (apt-get install pgbouncer); .ci/run installs it.");
        _bouncer = await LocalPgBouncer.StartAsync(Server, poolSize: 2);
    }

    [OneTimeTearDown]
    public async Task StopBouncerAsync()
    {
        if (_bouncer is not null)
            await _bouncer.DisposeAsync();
    }

    private Database ThroughBouncer(int poolMaxSize = 8) => new(new AksaraOptions
    {
        DatabaseUrl = _bouncer.Url(DatabaseName),
        PgBouncer = PgBouncerMode.Transaction,
        PoolMinSize = 0,
        PoolMaxSize = poolMaxSize,
    });

    [Test]
    public async Task Repeated_statements_work_from_many_clients_over_few_server_connections()
    {
        await using var db = ThroughBouncer();
        const int Workers = 8, Rounds = 25;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var id = worker * 1000 + round + 1;
                await db.InsertAsync(new Note { NoteId = id, Text = $"it's note {id}; DROP TABLE bouncer_notes", Version = 1 });
                var note = (await db.GetAsync<Note>(id))!;
                note.Version++;
                Assert.That(await db.UpdateAsync(note), Is.True);
                Assert.That(await db.Table<Note>().Where(n => n.NoteId == id && n.Version == 2).CountAsync(), Is.EqualTo(1));
                Assert.That(await db.FetchValAsync<string>("SELECT text FROM bouncer_notes WHERE note_id = $1", id), Does.StartWith("it's note"));
            }
        })));

        Assert.That(await db.FetchValAsync<long>("SELECT count(*) FROM bouncer_notes WHERE version = 2 AND note_id < 100000"), Is.EqualTo((long)Workers * Rounds));
        Assert.That(await db.InsertManyAsync(Enumerable.Range(100_000, 500).Select(i => new Note { NoteId = i, Text = "copied", Version = 0 })), Is.EqualTo(500L));
    }

    [Test]
    public async Task Sessions_and_transactions_work_through_the_bouncer()
    {
        await using var db = ThroughBouncer(poolMaxSize: 2);
        await using (var session = await db.OpenSessionAsync())
        {
            for (var i = 0; i < 20; i++)
                Assert.That(await session.FetchValAsync<int>("SELECT $1::int + 1", i), Is.EqualTo(i + 1));
        }

        Assert.ThrowsAsync<InvalidOperationException>(() => db.TransactionAsync(async tx =>
        {
            await tx.InsertAsync(new Note { NoteId = 200_000, Text = "rolled back", Version = 0 });
            throw new InvalidOperationException("undo");
        }));
        await db.TransactionAsync(async tx => await tx.InsertAsync(new Note { NoteId = 200_001, Text = "kept", Version = 0 }));

        Assert.That(await db.FetchAsync<int>("SELECT note_id FROM bouncer_notes WHERE note_id >= 200000"), Is.EqualTo(new[] { 200_001 }));
    }

    [Test]
    public async Task Migrations_refuse_the_bouncer_and_run_through_a_direct_URL()
    {
        await using var db = ThroughBouncer();
        var refused = Assert.Throws<AksaraConfigurationException>(() => MigrationRunner.For(db).Build());
        Assert.That(refused!.Message, Does.Contain("PgBouncer in transaction mode").And.Contain("--database-url"));

        var folder = Directory.CreateTempSubdirectory("aksara-bouncer-migrations-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "0001_tags.sql"), "CREATE TABLE bouncer_tags (tag text PRIMARY KEY);");
            var environment = new Dictionary<string, string> { ["DATABASE_URL"] = _bouncer.Url(DatabaseName), ["AKSARA_PGBOUNCER"] = "transaction" };
            var throughBouncer = await CliRunner.RunAsync(folder, environment, "migrate", "--dir", folder);
            var direct = await CliRunner.RunAsync(folder, environment, "migrate", "--dir", folder, "--database-url", DatabaseUrl);

            Assert.Multiple(() =>
            {
                Assert.That(throughBouncer.ExitCode, Is.EqualTo(3), throughBouncer.Error);
                Assert.That(throughBouncer.Error, Does.Contain("aksara migrate --database-url"));
                Assert.That(direct.ExitCode, Is.Zero, direct.Error);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Auto_prepare_in_the_URL_is_refused_with_transaction_pooling()
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => new Database(new AksaraOptions
        {
            DatabaseUrl = $"Host=127.0.0.1;Port={_bouncer.Port};Database={DatabaseName};Username={_bouncer.User};Max Auto Prepare=20",
            PgBouncer = PgBouncerMode.Transaction,
        }));

        Assert.That(error!.Message, Does.Contain("Max Auto Prepare=20").And.Contain("Remove it from the URL"));
    }
}
