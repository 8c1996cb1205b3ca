using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;
using Npgsql;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

/// <summary>
/// <c>migrate --check</c>'s drift detection against a real database: a schema is migrated and given rows, one hand change
/// is made with raw SQL, the report must name exactly that change, and after undoing it the report must be clean again.
/// </summary>
public class DriftCheckTests : MigrationTestBase
{
    /// <summary>
    /// Defaults and checks spelled the way people write them, none the way PostgreSQL stores them: only a comparison
    /// after normalisation by the server finds them unchanged.
    /// </summary>
    private static TableSchema Customers() => new(
        "public",
        "customers",
        [
            Id(),
            Column("email", "varchar(200)"),
            Text("full_name"),
            Text("status", @default: "'draft'"),
            Column("qty", "int", @default: "1"),
            Column("price", "numeric(10,2)", @default: "0"),
            Column("created_at", "timestamptz", @default: "now()"),
            Text("nickname", nullable: true),
        ],
        new PrimaryKeySchema("pk_customers", ["id"]),
        [new UniqueConstraintSchema("uq_customers_email", ["email"])],
        [
            new IndexSchema("ix_customers_full_name", ["full_name"]),
            new IndexSchema("ix_customers_active", ["created_at"], Where: "status <> 'draft'"),
        ],
        checks:
        [
            new CheckConstraintSchema("ck_customers_status", "status IN ('draft', 'active')"),
            new CheckConstraintSchema("ck_customers_qty", "qty BETWEEN 1 AND 10"),
            new CheckConstraintSchema("ck_customers_price", "price >= 0"),
            new CheckConstraintSchema("ck_customers_email", "lower(email) <> ''"),
        ]);

    private static TableSchema Orders() => new(
        "public",
        "orders",
        [new ColumnSchema("id", "integer", Nullable: false) { Identity = true }, Column("customer_id", "uuid"), Text("note", nullable: true)],
        new PrimaryKeySchema("pk_orders", ["id"]),
        indexes: [new IndexSchema("ix_orders_customer_id", ["customer_id"])],
        foreignKeys: [References("orders", "customer_id", "customers", OnDelete.Cascade)]);

    private static TableSchema Invoices() => new(
        "sales",
        "invoices",
        [Id(), Text("number"), Column("amount", "numeric(12,2)", @default: "0")],
        new PrimaryKeySchema("pk_invoices", ["id"]),
        [new UniqueConstraintSchema("uq_invoices_number", ["number"])]);

    /// <summary>A table with no primary key, so that one can be added by hand.</summary>
    private static TableSchema Events() => new("public", "events", [Text("kind"), Column("at", "timestamptz", @default: "now()")]);

    private async Task MigrateShopAsync()
    {
        await MigrateToAsync(Db(Customers(), Orders(), Invoices(), Events()));
        await ExecuteAsync(
            """
            INSERT INTO customers (email, full_name, status, qty, price) VALUES ('ada@example.com', 'Ada', 'active', 2, 9.50), ('grace@example.com', 'Grace', 'draft', 1, 0);
            INSERT INTO orders (customer_id, note) SELECT id, 'first' FROM customers;
            INSERT INTO sales.invoices (number, amount) VALUES ('INV-1', 12.00);
            INSERT INTO events (kind) VALUES ('signup'), ('login');
            """);
    }

    /// <summary>Makes <paramref name="change"/>, expects exactly <paramref name="lines"/> (all of <paramref name="kind"/>), undoes it, expects a clean report.</summary>
    private async Task AssertHandChangeIsDriftAsync(string change, string undo, DriftKind kind, params string[] lines)
    {
        await ExecuteAsync(change);

        var report = await CheckDriftAsync();

        Assert.That(report.Lines, Is.EqualTo(lines), "the drift lines after: " + change);
        Assert.That(report.Differences.Select(difference => difference.Kind), Is.All.EqualTo(kind));
        Assert.That(report.HasDrift, Is.True);

        await ExecuteAsync(undo);
        await AssertLiveSchemaIsSnapshotAsync();
    }

    [Test]
    public async Task Right_after_migrate_expressions_spelled_by_hand_are_not_drift()
    {
        await MigrateShopAsync();

        var report = await CheckDriftAsync();

        Assert.That(report.Lines, Is.Empty);
        Assert.That(report.Unmanaged, Is.Empty);
        Assert.That(report.HasDrift, Is.False);
        // The comparison is semantic: the server stores every one of these differently from the snapshot's spelling.
        var snapshot = Migrations.ReadSnapshot().Schema.FindTable(new QualifiedName("public", "customers"))!;
        Assert.That(snapshot.Checks.Select(check => check.Expression), Does.Contain("status IN ('draft', 'active')").And.Contain("qty BETWEEN 1 AND 10"));
        Assert.That(await ScalarAsync<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'ck_customers_status'"), Does.Contain("ANY (ARRAY["));
        Assert.That(await ScalarAsync<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'ck_customers_qty'"), Does.Not.Contain("BETWEEN"));
        Assert.That(await ScalarAsync<string>("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'customers'::regclass AND adnum = 4"), Is.Not.EqualTo("'draft'"));
    }

    [Test]
    public async Task An_extra_column_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers ADD COLUMN sneaky text",
            "ALTER TABLE customers DROP COLUMN sneaky",
            DriftKind.ColumnExtra,
            "drift: customers.sneaky: column exists in the database but not in the snapshot");
    }

    [Test]
    public async Task A_missing_column_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers DROP COLUMN nickname",
            "ALTER TABLE customers ADD COLUMN nickname text",
            DriftKind.ColumnMissing,
            "drift: customers.nickname: column is missing from the database");
    }

    [Test]
    public async Task A_changed_type_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers ALTER COLUMN email TYPE varchar(100)",
            "ALTER TABLE customers ALTER COLUMN email TYPE character varying(200)",
            DriftKind.TypeDiffers,
            "drift: customers.email: column is varchar(100) in the database, varchar(200) in the snapshot");
    }

    [Test]
    public async Task A_changed_nullability_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers ALTER COLUMN full_name DROP NOT NULL",
            "ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL",
            DriftKind.NullabilityDiffers,
            "drift: customers.full_name: column is nullable in the database, NOT NULL in the snapshot");
    }

    [Test]
    public async Task A_changed_default_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers ALTER COLUMN status SET DEFAULT 'active'",
            "ALTER TABLE customers ALTER COLUMN status SET DEFAULT 'draft'::text",
            DriftKind.DefaultDiffers,
            "drift: customers.status: column defaults to 'active'::text in the database, defaults to 'draft'::text in the snapshot");
    }

    [Test]
    public async Task A_dropped_default_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers ALTER COLUMN created_at DROP DEFAULT",
            "ALTER TABLE customers ALTER COLUMN created_at SET DEFAULT now()",
            DriftKind.DefaultDiffers,
            "drift: customers.created_at: column has no default in the database, defaults to now() in the snapshot");
    }

    [Test]
    public async Task A_removed_identity_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE orders ALTER COLUMN id DROP IDENTITY",
            "ALTER TABLE orders ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",
            DriftKind.IdentityDiffers,
            "drift: orders.id: column is not an identity column in the database, GENERATED BY DEFAULT AS IDENTITY in the snapshot");
    }

    [Test]
    public async Task A_missing_primary_key_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE orders DROP CONSTRAINT pk_orders",
            "ALTER TABLE orders ADD CONSTRAINT pk_orders PRIMARY KEY (id)",
            DriftKind.ConstraintMissing,
            "drift: orders.pk_orders: primary key is missing from the database");
    }

    [Test]
    public async Task An_extra_primary_key_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (kind)",
            "ALTER TABLE events DROP CONSTRAINT events_pkey",
            DriftKind.ConstraintExtra,
            "drift: events.events_pkey: primary key exists in the database but not in the snapshot: PRIMARY KEY (kind)");
    }

    [Test]
    public async Task A_primary_key_on_other_columns_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE orders DROP CONSTRAINT pk_orders, ADD CONSTRAINT pk_orders PRIMARY KEY (id, customer_id)",
            "ALTER TABLE orders DROP CONSTRAINT pk_orders, ADD CONSTRAINT pk_orders PRIMARY KEY (id)",
            DriftKind.ConstraintDiffers,
            "drift: orders.pk_orders: primary key is PRIMARY KEY (id, customer_id) in the database, PRIMARY KEY (id) in the snapshot");
    }

    [Test]
    public async Task A_missing_unique_constraint_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers DROP CONSTRAINT uq_customers_email",
            "ALTER TABLE customers ADD CONSTRAINT uq_customers_email UNIQUE (email)",
            DriftKind.ConstraintMissing,
            "drift: customers.uq_customers_email: unique constraint is missing from the database");
    }

    [Test]
    public async Task An_extra_unique_constraint_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers ADD CONSTRAINT uq_customers_full_name UNIQUE (full_name)",
            "ALTER TABLE customers DROP CONSTRAINT uq_customers_full_name",
            DriftKind.ConstraintExtra,
            "drift: customers.uq_customers_full_name: unique constraint exists in the database but not in the snapshot: UNIQUE (full_name)");
    }

    [Test]
    public async Task A_unique_constraint_on_other_columns_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers DROP CONSTRAINT uq_customers_email, ADD CONSTRAINT uq_customers_email UNIQUE (email, full_name)",
            "ALTER TABLE customers DROP CONSTRAINT uq_customers_email, ADD CONSTRAINT uq_customers_email UNIQUE (email)",
            DriftKind.ConstraintDiffers,
            "drift: customers.uq_customers_email: unique constraint is UNIQUE (email, full_name) in the database, UNIQUE (email) in the snapshot");
    }

    [Test]
    public async Task A_changed_check_is_drift_and_the_same_check_spelled_otherwise_is_not()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_price, ADD CONSTRAINT ck_customers_price CHECK (price <= 1000)",
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_price, ADD CONSTRAINT ck_customers_price CHECK ((price >= (0)::numeric))",
            DriftKind.ConstraintDiffers,
            "drift: customers.ck_customers_price: check constraint is CHECK ((price <= (1000)::numeric)) in the database, CHECK ((price >= (0)::numeric)) in the snapshot");
    }

    [Test]
    public async Task A_widened_between_check_is_drift_and_its_rewrite_as_two_comparisons_is_not()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_qty, ADD CONSTRAINT ck_customers_qty CHECK (qty BETWEEN 1 AND 20)",
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_qty, ADD CONSTRAINT ck_customers_qty CHECK (qty >= 1 AND qty <= 10)",
            DriftKind.ConstraintDiffers,
            "drift: customers.ck_customers_qty: check constraint is CHECK (((qty >= 1) AND (qty <= 20))) in the database, CHECK (((qty >= 1) AND (qty <= 10))) in the snapshot");
    }

    [Test]
    public async Task A_narrowed_in_check_is_drift_and_its_any_array_spelling_is_not()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_status, ADD CONSTRAINT ck_customers_status CHECK (status IN ('draft', 'active', 'gone'))",
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_status, ADD CONSTRAINT ck_customers_status CHECK (status = ANY (ARRAY['draft'::text, 'active'::text]))",
            DriftKind.ConstraintDiffers,
            "drift: customers.ck_customers_status: check constraint is CHECK ((status = ANY (ARRAY['draft'::text, 'active'::text, 'gone'::text]))) in the database, "
            + "CHECK ((status = ANY (ARRAY['draft'::text, 'active'::text]))) in the snapshot");
    }

    [Test]
    public async Task A_missing_check_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_email",
            "ALTER TABLE customers ADD CONSTRAINT ck_customers_email CHECK (lower(email::text) <> ''::text)",
            DriftKind.ConstraintMissing,
            "drift: customers.ck_customers_email: check constraint is missing from the database");
    }

    [Test]
    public async Task An_extra_check_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers ADD CONSTRAINT ck_customers_sneaky CHECK (qty < 100)",
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_sneaky",
            DriftKind.ConstraintExtra,
            "drift: customers.ck_customers_sneaky: check constraint exists in the database but not in the snapshot: CHECK ((qty < 100))");
    }

    [Test]
    public async Task A_check_left_not_valid_is_drift_until_validated()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers DROP CONSTRAINT ck_customers_price, ADD CONSTRAINT ck_customers_price CHECK (price >= 0) NOT VALID",
            "ALTER TABLE customers VALIDATE CONSTRAINT ck_customers_price",
            DriftKind.ConstraintNotValid,
            "drift: customers.ck_customers_price: check constraint is NOT VALID in the database: rows that existed when it was added were never checked against it; "
            + "validate it with ALTER TABLE \"public\".\"customers\" VALIDATE CONSTRAINT \"ck_customers_price\";");
    }

    [Test]
    public async Task A_missing_foreign_key_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE orders DROP CONSTRAINT fk_orders_customer_id",
            "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE",
            DriftKind.ConstraintMissing,
            "drift: orders.fk_orders_customer_id: foreign key is missing from the database");
    }

    [Test]
    public async Task A_foreign_key_with_another_on_delete_action_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE orders DROP CONSTRAINT fk_orders_customer_id, ADD CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT",
            "ALTER TABLE orders DROP CONSTRAINT fk_orders_customer_id, ADD CONSTRAINT fk_orders_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE",
            DriftKind.ConstraintDiffers,
            "drift: orders.fk_orders_customer_id: foreign key is FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE RESTRICT in the database, "
            + "FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE in the snapshot");
    }

    [Test]
    public async Task A_foreign_key_made_deferrable_by_hand_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE orders ALTER CONSTRAINT fk_orders_customer_id DEFERRABLE",
            "ALTER TABLE orders ALTER CONSTRAINT fk_orders_customer_id NOT DEFERRABLE",
            DriftKind.ConstraintDiffers,
            "drift: orders.fk_orders_customer_id: foreign key is FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE DEFERRABLE in the database, "
            + "FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE in the snapshot");
    }

    [Test]
    public async Task An_extra_exclusion_constraint_is_drift_and_its_index_is_not_reported_twice()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE customers ADD CONSTRAINT ex_customers_full_name EXCLUDE USING btree (full_name WITH =)",
            "ALTER TABLE customers DROP CONSTRAINT ex_customers_full_name",
            DriftKind.ConstraintExtra,
            "drift: customers.ex_customers_full_name: exclusion constraint exists in the database but not in the snapshot: EXCLUDE USING btree (full_name WITH =)");
    }

    [Test]
    public async Task A_serial_column_is_clean_whatever_its_sequence_is_called_and_a_replaced_default_is_drift()
    {
        await MigrateToAsync(Db(Table("tickets", Id(), Column("number", "bigserial"))));
        await ExecuteAsync("INSERT INTO tickets DEFAULT VALUES; INSERT INTO tickets DEFAULT VALUES");
        Assert.That(await ScalarAsync<long>("SELECT max(number) FROM tickets"), Is.EqualTo(2));

        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE tickets ALTER COLUMN number SET DEFAULT 0",
            "ALTER TABLE tickets ALTER COLUMN number SET DEFAULT nextval('tickets_number_seq')",
            DriftKind.DefaultDiffers,
            "drift: tickets.number: column defaults to 0 in the database, defaults to the next value of its own sequence (serial) in the snapshot");
    }

    [Test]
    public async Task A_missing_index_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "DROP INDEX ix_orders_customer_id",
            "CREATE INDEX ix_orders_customer_id ON orders (customer_id)",
            DriftKind.IndexMissing,
            "drift: orders.ix_orders_customer_id: index is missing from the database");
    }

    [Test]
    public async Task An_extra_index_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "CREATE INDEX ix_customers_nickname ON customers (nickname)",
            "DROP INDEX ix_customers_nickname",
            DriftKind.IndexExtra,
            "drift: customers.ix_customers_nickname: index exists in the database but not in the snapshot: USING btree (nickname)");
    }

    [Test]
    public async Task An_extra_expression_index_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "CREATE UNIQUE INDEX ux_customers_lower_email ON customers (lower(email))",
            "DROP INDEX ux_customers_lower_email",
            DriftKind.IndexExtra,
            "drift: customers.ux_customers_lower_email: index exists in the database but not in the snapshot: UNIQUE USING btree (lower((email)::text))");
    }

    [Test]
    public async Task An_index_with_another_method_is_drift()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "DROP INDEX ix_customers_full_name; CREATE INDEX ix_customers_full_name ON customers USING hash (full_name)",
            "DROP INDEX ix_customers_full_name; CREATE INDEX ix_customers_full_name ON customers (full_name)",
            DriftKind.IndexDiffers,
            "drift: customers.ix_customers_full_name: index is USING hash (full_name) in the database, USING btree (full_name) in the snapshot");
    }

    [Test]
    public async Task An_index_with_another_where_is_drift_and_the_same_where_spelled_otherwise_is_not()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "DROP INDEX ix_customers_active; CREATE INDEX ix_customers_active ON customers (created_at) WHERE status = 'active'",
            "DROP INDEX ix_customers_active; CREATE INDEX ix_customers_active ON customers USING btree (created_at) WHERE ((status) <> 'draft'::text)",
            DriftKind.IndexDiffers,
            "drift: customers.ix_customers_active: index is USING btree (created_at) WHERE (status = 'active'::text) in the database, "
            + "USING btree (created_at) WHERE (status <> 'draft'::text) in the snapshot");
    }

    [Test]
    public async Task An_invalid_index_that_the_snapshot_has_is_drift_with_its_rebuild()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_orders_customer_id'::regclass",
            "UPDATE pg_index SET indisvalid = true WHERE indexrelid = 'ix_orders_customer_id'::regclass",
            DriftKind.IndexInvalid,
            "drift: orders.ix_orders_customer_id: index is INVALID (the remains of a failed CREATE INDEX CONCURRENTLY; queries never use it): "
            + "rebuild it with DROP INDEX CONCURRENTLY \"public\".\"ix_orders_customer_id\"; then "
            + "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"ix_orders_customer_id\" ON \"public\".\"orders\" USING btree (\"customer_id\");");
    }

    [Test]
    public async Task The_invalid_remains_of_a_failed_concurrent_unique_index_are_drift()
    {
        await MigrateShopAsync();
        await ExecuteAsync("INSERT INTO customers (email, full_name) VALUES ('ada2@example.com', 'Ada')");
        var failure = Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("CREATE UNIQUE INDEX CONCURRENTLY ux_customers_full_name ON customers (full_name)"));
        Assert.That(failure!.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));

        var report = await CheckDriftAsync();

        Assert.That(report.Lines, Is.EqualTo(new[]
        {
            "drift: customers.ux_customers_full_name: index is INVALID (the remains of a failed CREATE INDEX CONCURRENTLY; queries never use it): "
            + "it is not in the snapshot either; drop it with DROP INDEX CONCURRENTLY \"public\".\"ux_customers_full_name\";",
        }));
        Assert.That(report.Differences.Single().Kind, Is.EqualTo(DriftKind.IndexInvalid));

        await ExecuteAsync("DROP INDEX CONCURRENTLY ux_customers_full_name");
        await AssertLiveSchemaIsSnapshotAsync();
    }

    [Test]
    public async Task A_missing_table_is_drift_and_the_renamed_one_is_unmanaged()
    {
        await MigrateShopAsync();
        await ExecuteAsync("ALTER TABLE orders RENAME TO orders_archive");

        var report = await CheckDriftAsync();

        Assert.That(report.Lines, Is.EqualTo(new[] { "drift: orders: table is missing from the database" }));
        Assert.That(report.Differences.Single().Kind, Is.EqualTo(DriftKind.TableMissing));
        Assert.That(report.Unmanaged, Is.EqualTo(new[] { new QualifiedName("public", "orders_archive") }));

        await ExecuteAsync("ALTER TABLE orders_archive RENAME TO orders");
        await AssertLiveSchemaIsSnapshotAsync();
    }

    [Test]
    public async Task Tables_outside_the_snapshot_are_unmanaged_not_drift_and_only_in_the_snapshots_schemas()
    {
        await MigrateShopAsync();
        await ExecuteAsync(
            """
            CREATE TABLE scratch_notes (id int PRIMARY KEY, body text);
            CREATE TABLE sales.imports (line text);
            CREATE SCHEMA reporting;
            CREATE TABLE reporting.daily (day date);
            """);

        var report = await CheckDriftAsync();

        Assert.That(report.HasDrift, Is.False);
        Assert.That(report.Lines, Is.Empty);
        Assert.That(report.Unmanaged, Is.EqualTo(new[] { new QualifiedName("public", "scratch_notes"), new QualifiedName("sales", "imports") }));

        await ExecuteAsync("DROP TABLE scratch_notes; DROP TABLE sales.imports; DROP SCHEMA reporting CASCADE");
        await AssertLiveSchemaIsSnapshotAsync();
    }

    [Test]
    public async Task The_journal_is_never_reported_wherever_it_lives()
    {
        await MigrateShopAsync();
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.aksara_migrations') IS NOT NULL"), Is.True, "migrate wrote its journal");
        await ExecuteAsync("CREATE TABLE sales.migration_journal (name text PRIMARY KEY)");

        var withDefaultJournal = await CheckDriftAsync();
        var withJournalInSales = await CheckDriftAsync(new QualifiedName("sales", "migration_journal"));

        Assert.That(withDefaultJournal.Unmanaged, Is.EqualTo(new[] { new QualifiedName("sales", "migration_journal") }));
        Assert.That(withJournalInSales.Unmanaged, Is.EqualTo(new[] { new QualifiedName("public", "aksara_migrations") }),
            "with the journal elsewhere, a table of that name in public is an ordinary table");
        Assert.That(withDefaultJournal.Lines.Concat(withJournalInSales.Lines), Is.Empty);

        await ExecuteAsync("DROP TABLE sales.migration_journal");
        await AssertLiveSchemaIsSnapshotAsync();
    }

    [Test]
    public async Task Drift_in_a_table_outside_public_names_its_schema()
    {
        await MigrateShopAsync();
        await AssertHandChangeIsDriftAsync(
            "ALTER TABLE sales.invoices ALTER COLUMN amount TYPE numeric(14,2)",
            "ALTER TABLE sales.invoices ALTER COLUMN amount TYPE numeric(12,2)",
            DriftKind.TypeDiffers,
            "drift: sales.invoices.amount: column is numeric(14,2) in the database, numeric(12,2) in the snapshot");
    }

    [Test]
    public async Task A_snapshot_type_that_no_longer_exists_is_drift_and_the_rest_of_the_table_is_still_compared()
    {
        await ExecuteAsync("CREATE TYPE mood AS ENUM ('happy', 'sad')");
        await MigrateToAsync(Db(Table("people", Id(), Column("mood", "mood"), Text("name"))));
        await ExecuteAsync("INSERT INTO people (mood, name) VALUES ('happy', 'Ada')");
        await ExecuteAsync("ALTER TABLE people ALTER COLUMN mood TYPE text; DROP TYPE mood; ALTER TABLE people ALTER COLUMN name DROP NOT NULL");

        var report = await CheckDriftAsync();

        Assert.That(report.Lines, Is.EqualTo(new[]
        {
            "drift: people.mood: the snapshot's column cannot be created in this database (type \"mood\" does not exist)",
            "drift: people.name: column is nullable in the database, NOT NULL in the snapshot",
        }));
        Assert.That(report.Differences.Select(difference => difference.Kind), Is.EqualTo(new[] { DriftKind.DefinitionRejected, DriftKind.NullabilityDiffers }));

        await ExecuteAsync("CREATE TYPE mood AS ENUM ('happy', 'sad'); ALTER TABLE people ALTER COLUMN mood TYPE mood USING mood::mood; ALTER TABLE people ALTER COLUMN name SET NOT NULL");
        await AssertLiveSchemaIsSnapshotAsync();
    }

    [Test]
    public async Task The_report_renders_as_json_with_snake_case_keys()
    {
        await MigrateShopAsync();
        await ExecuteAsync("ALTER TABLE sales.invoices ADD COLUMN sneaky text; CREATE TABLE scratch_notes (body text)");

        var report = await CheckDriftAsync();
        var json = report.ToJson();

        var difference = report.Differences.Single();
        Assert.That(json["has_drift"]!.GetValue<bool>(), Is.True);
        var entry = json["differences"]!.AsArray().Single()!;
        Assert.That(entry["table"]!.GetValue<string>(), Is.EqualTo("sales.invoices"));
        Assert.That(entry["object"]!.GetValue<string>(), Is.EqualTo("sneaky"));
        Assert.That(entry["kind"]!.GetValue<string>(), Is.EqualTo("column_extra"));
        Assert.That(entry["message"]!.GetValue<string>(), Is.EqualTo("sales.invoices.sneaky: column exists in the database but not in the snapshot"));
        Assert.That(SchemaDifference.Prefix + entry["message"]!.GetValue<string>(), Is.EqualTo(difference.ToString()));
        Assert.That(json["unmanaged"]!.AsArray().Select(name => name!.GetValue<string>()), Is.EqualTo(new[] { "scratch_notes" }));
    }

    [Test]
    public async Task A_missing_table_has_no_object_in_json()
    {
        await MigrateShopAsync();
        await ExecuteAsync("DROP TABLE events");

        var entry = (await CheckDriftAsync()).ToJson()["differences"]!.AsArray().Single()!;

        Assert.That(entry["table"]!.GetValue<string>(), Is.EqualTo("events"));
        Assert.That(entry["object"], Is.Null);
        Assert.That(entry["kind"]!.GetValue<string>(), Is.EqualTo("table_missing"));
    }
}
