using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using DbUp.Engine.Output;
using Npgsql;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations.Online;

/// <summary>
/// Each lock-safe rule of makemigrations, end to end: the scripts generated from models are applied to a table holding
/// rows while another session keeps writing into it and, at the start of every script, a long read transaction holds
/// the table (what makes a plain ALTER TABLE queue and block every writer behind it). The writer never waits on a lock
/// for longer than the DDL lock timeout plus a margin (its own lock_timeout, so such a write fails and is counted); the
/// migration holds no lock that blocks writes while it builds or validates (pg_locks); and the schema it leaves is the
/// one the plain blocking form leaves.
/// </summary>
[NonParallelizable]
public sealed class OnlineMigrationTests : MigrationTestBase
{
    private static readonly TimeSpan s_ddlLockTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan s_writerPatience = s_ddlLockTimeout + TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_readerHolds = TimeSpan.FromMilliseconds(800);
    private const int Rows = 20_000;

    private static readonly string s_seed =
        "INSERT INTO customers (id, name) SELECT n, 'customer ' || n FROM generate_series(1, 100) n;"
        + $"INSERT INTO orders (id, customer_id, amount, code, note) SELECT n, 1 + n % 100, n % 50, 'code-' || n, 'note' FROM generate_series(1, {Rows}) n;";

    private const string Insert =
        "INSERT INTO orders (id, customer_id, amount, code, note) "
        + "SELECT COALESCE(max(id), 0) + 1, 7, 3, 'w-' || gen_random_uuid(), 'written meanwhile' FROM orders";

    private string _before = "";

    private static TableSchema Customers() => Table("customers", Column("id", "bigint"), Text("name"));

    private static TableSchema Orders(Func<TableSchema, TableSchema>? change = null)
    {
        var orders = Table("orders", Column("id", "bigint"), Column("customer_id", "bigint", nullable: true), Column("amount", "integer"), Text("code"), Text("note", nullable: true));
        return change is null ? orders : change(orders);
    }

    private static DatabaseSchema Before(Func<TableSchema, TableSchema>? orders = null) => Db(Customers(), Orders(orders));

    [Test]
    public async Task A_new_index_is_built_concurrently_in_a_script_of_its_own()
    {
        var after = Before(orders => orders with { Indexes = [new IndexSchema("ix_orders_customer_id", ["customer_id"])] });

        var migration = await ApplyUnderLoadAsync(Before(), after);

        Assert.That(migration.Scripts.Select(script => script.Name), Is.EqualTo(new[] { "0002_add_ix_orders_customer_id_build_indexes" }));
        var build = migration.Scripts[0].Up;
        Assert.That(build, Does.Contain("-- aksara:no-transaction\n"));
        Assert.That(build, Does.Contain("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"ix_orders_customer_id\" ON \"public\".\"orders\" USING btree (\"customer_id\");"));
        Assert.That(build, Does.Contain("--       lock: SHARE UPDATE EXCLUSIVE on orders for the build; reads and writes go on"));
        Assert.That(await ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_orders_customer_id'::regclass"), Is.True);
    }

    [Test]
    public async Task A_dropped_index_is_dropped_concurrently()
    {
        var before = Before(orders => orders with { Indexes = [new IndexSchema("ix_orders_amount", ["amount"])] });

        var migration = await ApplyUnderLoadAsync(before, Before());

        Assert.That(migration.Scripts.Single().Up, Does.Contain("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"ix_orders_amount\";"));
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.ix_orders_amount') IS NULL"), Is.True);
    }

    [Test]
    public async Task A_new_foreign_key_is_added_not_valid_and_validated_by_a_later_script()
    {
        var after = Before(orders => orders with { ForeignKeys = [References("orders", "customer_id", "customers")] });

        var migration = await ApplyUnderLoadAsync(Before(), after);

        Assert.That(migration.Scripts.Select(script => script.Name), Is.EqualTo(new[] { "0002_add_fk_orders_customer_id", "0003_add_fk_orders_customer_id_validate" }));
        Assert.That(migration.Scripts[0].Up, Does.Contain("REFERENCES \"public\".\"customers\" (\"id\") ON DELETE NO ACTION NOT VALID;"));
        Assert.That(migration.Scripts[0].Up, Does.Contain("--       lock: SHARE ROW EXCLUSIVE on orders, customers, instant"));
        Assert.That(migration.Scripts[1].Up, Does.Contain("ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"fk_orders_customer_id\";"));
        Assert.That(migration.Scripts[1].Up, Does.Contain("--       lock: SHARE UPDATE EXCLUSIVE on orders for the scan; reads and writes go on"));
        await AssertValidatedAsync("fk_orders_customer_id");
    }

    [Test]
    public async Task A_new_check_is_added_not_valid_and_validated_by_a_later_script()
    {
        var after = Before(orders => orders with { Checks = [new CheckConstraintSchema("ck_orders_amount", "amount >= 0")] });

        var migration = await ApplyUnderLoadAsync(Before(), after);

        Assert.That(migration.Scripts[0].Up, Does.Contain("ADD CONSTRAINT \"ck_orders_amount\" CHECK (amount >= 0) NOT VALID;"));
        Assert.That(migration.Scripts[1].Up, Does.Contain("VALIDATE CONSTRAINT \"ck_orders_amount\";"));
        await AssertValidatedAsync("ck_orders_amount");
    }

    [Test]
    public async Task A_new_unique_constraint_adopts_an_index_built_concurrently()
    {
        var after = Before(orders => orders with { UniqueConstraints = [new UniqueConstraintSchema("uq_orders_code", ["code"])] });

        var migration = await ApplyUnderLoadAsync(Before(), after);

        Assert.That(migration.Scripts.Select(script => script.Name), Is.EqualTo(new[] { "0002_add_uq_orders_code_build_indexes", "0003_add_uq_orders_code_validate" }));
        Assert.That(migration.Scripts[0].Up, Does.Contain("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"uq_orders_code\" ON \"public\".\"orders\" USING btree (\"code\");"));
        Assert.That(migration.Scripts[1].Up, Does.Contain("ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"uq_orders_code\" UNIQUE USING INDEX \"uq_orders_code\";"));
        Assert.That(await ScalarAsync<string>("SELECT contype::text FROM pg_constraint WHERE conname = 'uq_orders_code'"), Is.EqualTo("u"));
    }

    [Test]
    public async Task Set_not_null_is_proven_by_a_validated_check_and_the_check_is_dropped()
    {
        var after = Before(orders => orders with { Columns = [.. orders.Columns.Where(column => column.Name != "note"), Text("note")] });

        var migration = await ApplyUnderLoadAsync(Before(), after);

        Assert.That(migration.Scripts[0].Up, Does.Contain("ADD CONSTRAINT \"ck_orders_note_not_null\" CHECK (\"note\" IS NOT NULL) NOT VALID;"));
        var validate = migration.Scripts[1].Up;
        Assert.That(validate.IndexOf("VALIDATE CONSTRAINT \"ck_orders_note_not_null\"", StringComparison.Ordinal),
            Is.LessThan(validate.IndexOf("ALTER COLUMN \"note\" SET NOT NULL", StringComparison.Ordinal)), "validated before SET NOT NULL relies on it");
        Assert.That(validate, Does.Contain("ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"ck_orders_note_not_null\";"));
        Assert.That(validate, Does.Contain("--       lock: ACCESS EXCLUSIVE on orders, instant"));
        Assert.That(await ScalarAsync<bool>("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'note'"), Is.True);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname = 'ck_orders_note_not_null'"), Is.Zero);
    }

    [Test]
    public async Task All_five_at_once_go_back_and_forth_script_by_script()
    {
        var after = Before(orders => orders with
        {
            Columns = [.. orders.Columns.Where(column => column.Name != "note"), Text("note")],
            Indexes = [new IndexSchema("ix_orders_customer_id", ["customer_id"])],
            ForeignKeys = [References("orders", "customer_id", "customers")],
            Checks = [new CheckConstraintSchema("ck_orders_amount", "amount >= 0")],
            UniqueConstraints = [new UniqueConstraintSchema("uq_orders_code", ["code"])],
        });

        var migration = await ApplyUnderLoadAsync(Before(), after);
        Assert.That(migration.Scripts.Select(script => script.Step.Kind),
            Is.EqualTo(new[] { MigrationStepKind.Change, MigrationStepKind.BuildIndexes, MigrationStepKind.Validate }));

        // Every script's down reverts that script alone: stopping between them, then going forward again, works.
        var initial = Canonical(await ReadLiveSchemaAsync());
        foreach (var script in migration.Scripts.Reverse().Skip(1))
        {
            // The default lock timeout (2 s) outlasts deadlock_timeout, so an autovacuum of the table gives way.
            var back = await Runner().MigrateToAsync(script.Name, allowDestructive: true);
            Assert.That(back.Error, Is.Null, back.Error?.Message + "\n" + script.Down);
            var forward = await Runner().MigrateAsync();
            Assert.That(forward.Error, Is.Null, forward.Error?.Message);
            Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.EqualTo(initial));
        }
        var zero = await Runner().MigrateToAsync("0001", allowDestructive: true);
        Assert.That(zero.Error, Is.Null, string.Join("\n", migration.Scripts.Reverse().Select(script => script.Down)));
        Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.EqualTo(_before));
    }

    [Test]
    public async Task A_foreign_key_to_a_new_unique_key_is_added_once_the_key_exists_and_validated_after()
    {
        var before = Before(orders => orders with { Columns = [.. orders.Columns, Text("customer_name", nullable: true)] });
        var after = Db(Customers() with { UniqueConstraints = [new UniqueConstraintSchema("uq_customers_name", ["name"])] },
            Orders(orders => orders with
            {
                Columns = [.. orders.Columns, Text("customer_name", nullable: true)],
                ForeignKeys = [new ForeignKeySchema("fk_orders_customer_name", ["customer_name"], "public", "customers", ["name"], OnDelete.NoAction)],
            }));

        var migration = await ApplyUnderLoadAsync(before, after);

        Assert.That(migration.Scripts.Select(script => script.Step.Kind),
            Is.EqualTo(new[] { MigrationStepKind.BuildIndexes, MigrationStepKind.Validate, MigrationStepKind.ValidateForeignKeys }));
        var attach = migration.Scripts[1].Up;
        Assert.That(attach.IndexOf("UNIQUE USING INDEX \"uq_customers_name\"", StringComparison.Ordinal),
            Is.LessThan(attach.IndexOf("ADD CONSTRAINT \"fk_orders_customer_name\"", StringComparison.Ordinal)));
        Assert.That(attach, Does.Contain("REFERENCES \"public\".\"customers\" (\"name\") ON DELETE NO ACTION NOT VALID;"));
        Assert.That(migration.Scripts[2].Up, Does.Contain("VALIDATE CONSTRAINT \"fk_orders_customer_name\";"));
        await AssertValidatedAsync("fk_orders_customer_name");

        var back = await Runner().MigrateToAsync("0001", allowDestructive: true);
        Assert.That(back.Error, Is.Null, string.Join("\n", migration.Scripts.Reverse().Select(script => script.Down)));
        Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.EqualTo(_before));
    }

    [Test]
    public async Task Unsafe_writes_the_plain_blocking_form_in_one_script_and_says_so()
    {
        var generator = new MigrationGenerator(Migrations);
        generator.Write(generator.Generate(Before(), new DiffOptions()));

        var migration = generator.Generate(Before(orders => orders with { Indexes = [new IndexSchema("ix_orders_customer_id", ["customer_id"])] }), new DiffOptions { Unsafe = true });

        var script = migration.Scripts.Single().Up;
        Assert.That(script, Does.Contain("CREATE INDEX \"ix_orders_customer_id\" ON \"public\".\"orders\" USING btree (\"customer_id\");"));
        Assert.That(script, Does.Not.Contain("CONCURRENTLY").And.Not.Contain("aksara:no-transaction"));
        Assert.That(script, Does.Contain("-- Written with --unsafe: the statements marked \"writes wait\" below block the table's writers until they end."));
        Assert.That(script, Does.Contain("--       lock: SHARE on orders for the build; writes wait until it ends"));
    }

    /// <summary>
    /// Migrates to <paramref name="before"/>, fills the tables, then applies the scripts for <paramref name="after"/> under
    /// load, and checks that the schema they leave is the one the blocking form leaves (applied first, then undone).
    /// </summary>
    private async Task<GeneratedMigration> ApplyUnderLoadAsync(DatabaseSchema before, DatabaseSchema after)
    {
        var blocking = await BlockingFormSchemaAsync(before, after);

        await MigrateToAsync(before);
        await ExecuteAsync(s_seed);
        _before = Canonical(await ReadLiveSchemaAsync());
        var migration = Generate(after);

        var readers = new ReaderAtEachScript(StartReadTransaction);
        await using var writer = await ConcurrentWriter.StartAsync(ConnectionString, Insert, s_writerPatience);
        await using var monitor = await LockMonitor.StartAsync(ConnectionString, writer.ProcessId);
        var result = await Runner(builder => builder.WithDdlLockTimeout(s_ddlLockTimeout).WithDdlRetries(10).LogTo(readers)).MigrateAsync();
        await Task.WhenAll(readers.Started);
        await monitor.StopAsync();
        await writer.StopAsync();

        Assert.That(result.Error, Is.Null, migration.Script);
        Assert.That(result.Applied.Select(applied => applied.Name), Is.EqualTo(migration.Scripts.Select(script => script.Name)));
        Assert.That(writer.Failures, Is.Empty, $"writes that waited on a lock for more than {s_writerPatience.TotalSeconds} s");
        Assert.That(writer.Writes, Is.GreaterThan(0));
        Assert.That(monitor.BlockingWritesDuringLongStatements, Is.Empty, "locks that block writes, held while building or validating");
        if (migration.Scripts.Any(script => script.Step.Kind == MigrationStepKind.BuildIndexes))
            Assert.That(monitor.DuringLongStatements, Is.Not.Empty, "the build waited for the reader's snapshot: its locks were seen");
        await AssertLiveSchemaIsSnapshotAsync();
        Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.EqualTo(blocking), "the same schema as the blocking form");
        return migration;
    }

    /// <summary>The live schema after <paramref name="before"/> then the --unsafe form of <paramref name="after"/>; the database is emptied again.</summary>
    private async Task<string> BlockingFormSchemaAsync(DatabaseSchema before, DatabaseSchema after)
    {
        var folder = Directory.CreateTempSubdirectory("aksara-blocking-").FullName;
        try
        {
            var generator = new MigrationGenerator(new MigrationDirectory(folder));
            generator.Write(generator.Generate(before, new DiffOptions()));
            generator.Write(generator.Generate(after, new DiffOptions { Unsafe = true, AllowDestructive = true }));
            var result = await MigrationRunner.For(Database).FromDirectory(folder).Build().MigrateAsync();
            Assert.That(result.Error, Is.Null);
            return Canonical(await ReadLiveSchemaAsync());
        }
        finally
        {
            await ExecuteAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A transaction that has read the table when this returns, and keeps its lock and snapshot for a while (as a report or
    /// a backup would) until the returned task commits it. The script about to start meets it: its ALTERs queue behind
    /// it, and a concurrent build waits for its snapshot.
    /// </summary>
    private Task StartReadTransaction()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        using (var read = new NpgsqlCommand("SELECT count(*) FROM orders", connection, transaction))
            read.ExecuteScalar();
        return Task.Run(async () =>
        {
            await Task.Delay(s_readerHolds);
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        });
    }

    /// <summary>Starts a read transaction as the runner announces each script, before the script's first statement.</summary>
    private sealed class ReaderAtEachScript(Func<Task> start) : IUpgradeLog
    {
        public List<Task> Started { get; } = [];

        public void LogInformation(string format, params object[] args)
        {
            if (format.StartsWith("Applying ", StringComparison.Ordinal))
                Started.Add(start());
        }

        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogWarning(string format, params object[] args) { }

        public void LogError(string format, params object[] args) { }

        public void LogError(Exception ex, string format, params object[] args) { }
    }

    private async Task AssertValidatedAsync(string constraint) =>
        Assert.That(await ScalarAsync<bool>($"SELECT convalidated FROM pg_constraint WHERE conname = '{constraint}'"), Is.True);
}
