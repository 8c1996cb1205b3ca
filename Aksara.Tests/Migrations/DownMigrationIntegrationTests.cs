using Aksara.Migrations.Diffing;
using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

/// <summary>
/// Down scripts against a real database that holds rows: for each kind of operation the differ writes, migrate to A,
/// apply the migration to B, go back to A with <c>MigrateToAsync</c>, and check that the live schema is exactly what it
/// was and that the rows the change did not touch are intact. Then the refusals: destructive downs, irreversible
/// migrations, and a down script that fails.
/// </summary>
public class DownMigrationIntegrationTests : MigrationTestBase
{
    private static readonly DiffOptions s_destructive = new() { AllowDestructive = true };

    /// <summary>Values that break naive SQL building: quotes and a backslash, an injection attempt, and non-ASCII text.</summary>
    private static readonly string[] s_hostile = ["O'Brien \"Bob\" \\", "'; DROP TABLE customers; --", "Zoë — 日本語 🚀"];

    private static string Lit(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static readonly string s_names = string.Join(", ", s_hostile.Select(value => $"({Lit(value)})"));

    private static readonly string s_seedCustomers = $"INSERT INTO customers (full_name) VALUES {s_names};";

    private static readonly string s_seedOrders = "INSERT INTO orders (customer_id, label) SELECT id, 'order of ' || full_name FROM customers;";

    private const string KeepCustomers = "SELECT id, full_name FROM customers";

    private const string KeepOrders = "SELECT id, customer_id, label FROM orders";

    private static TableSchema Customers(params ColumnSchema[] extra) => Table("customers", [Id(), Text("full_name"), .. extra]);

    private static TableSchema Orders(params ForeignKeySchema[] keys) =>
        Table("orders", Id(), Column("customer_id", "uuid", nullable: true), Text("label")) with { ForeignKeys = keys };

    private static ForeignKeySchema OrdersToCustomers(OnDelete onDelete = OnDelete.NoAction) => References("orders", "customer_id", "customers", onDelete);

    private static TableSchema Alphas => Table("alphas", Id(), Column("beta_id", "uuid", nullable: true)) with { ForeignKeys = [References("alphas", "beta_id", "betas")] };

    private static TableSchema Betas => Table("betas", Id(), Column("alpha_id", "uuid", nullable: true)) with { ForeignKeys = [References("betas", "alpha_id", "alphas", OnDelete.SetNull)] };

    /// <summary>
    /// One round trip: <see cref="A"/> with the rows of <see cref="Seed"/>, then <see cref="B"/>, then back to A.
    /// <see cref="Kept"/> are queries (in A's names) over the tables and columns the change leaves alone: their rows must
    /// read the same after the revert.
    /// </summary>
    private sealed record RoundTrip(string Name, DatabaseSchema A, string Seed, DatabaseSchema B, string[] Kept, bool Destructive = false);

    private static readonly Dictionary<string, RoundTrip> s_roundTrips = RoundTrips().ToDictionary(trip => trip.Name);

    public static IEnumerable<string> RoundTripNames => s_roundTrips.Keys;

    private static IEnumerable<RoundTrip> RoundTrips()
    {
        // Create table
        yield return new("create table with a foreign key", Db(Customers()), s_seedCustomers,
            Db(Customers(), Table("notes", Id(), Text("body"), Column("customer_id", "uuid", nullable: true)) with
            {
                ForeignKeys = [References("notes", "customer_id", "customers", OnDelete.Cascade)],
            }),
            [KeepCustomers]);
        yield return new("create table with indexes", Db(Customers()), s_seedCustomers,
            Db(Customers(), new TableSchema("public", "documents",
                [Id(), Column("body", "jsonb"), Column("tags", "text[]"), Column("title", "varchar(200)"), Column("owner", "uuid", nullable: true)],
                new PrimaryKeySchema("pk_documents", ["id"]),
                [new UniqueConstraintSchema("uq_documents_title", ["title"])],
                [
                    new IndexSchema("ix_documents_body", ["body"], IndexMethod.Gin),
                    new IndexSchema("ix_documents_tags", ["tags"], IndexMethod.Gin),
                    new IndexSchema("ix_documents_owner", ["owner"]),
                    new IndexSchema("ux_documents_owner_title", ["owner", "title"], Unique: true, Where: "owner IS NOT NULL"),
                ],
                checks: [new CheckConstraintSchema("ck_documents_title", "length(title) > 0")])),
            [KeepCustomers]);
        yield return new("create tables in a foreign key cycle", Db(Customers()), s_seedCustomers, Db(Customers(), Alphas, Betas), [KeepCustomers]);

        // Drop table
        yield return new("drop table", Db(Customers(), Table("legacy", Id(), Text("note"))),
            s_seedCustomers + $"INSERT INTO legacy (note) VALUES {s_names};",
            Db(Customers()), [KeepCustomers], Destructive: true);
        yield return new("drop table referenced by a foreign key", Db(Customers(), Orders(OrdersToCustomers())),
            s_seedCustomers + $"INSERT INTO orders (label) VALUES {s_names};",
            Db(Orders()), [KeepOrders], Destructive: true);
        yield return new("drop table and the column referencing it", Db(Customers(), Orders(OrdersToCustomers())),
            s_seedCustomers + s_seedOrders,
            Db(Table("orders", Id(), Text("label"))), ["SELECT id, label FROM orders"], Destructive: true);
        yield return new("drop two tables in a foreign key cycle", Db(Customers(), Alphas, Betas),
            s_seedCustomers + "INSERT INTO alphas DEFAULT VALUES; INSERT INTO betas (alpha_id) SELECT id FROM alphas; UPDATE alphas SET beta_id = (SELECT id FROM betas);",
            Db(Customers()), [KeepCustomers], Destructive: true);

        // Add column
        yield return new("add nullable column", Db(Customers()), s_seedCustomers, Db(Customers(Text("phone", nullable: true))), [KeepCustomers]);
        yield return new("add NOT NULL columns with defaults", Db(Customers()), s_seedCustomers,
            Db(Customers(Column("vip", "boolean", @default: "false"), Text("motto", @default: Lit(s_hostile[1])), Column("joined", "timestamptz", @default: "now()"))),
            [KeepCustomers]);

        // Drop column
        yield return new("drop nullable column", Db(Customers(Text("fax", nullable: true))),
            $"INSERT INTO customers (full_name, fax) VALUES ({Lit(s_hostile[0])}, {Lit(s_hostile[1])}), ({Lit(s_hostile[2])}, NULL);",
            Db(Customers()), [KeepCustomers], Destructive: true);
        yield return new("drop NOT NULL columns without default (placeholders)",
            Db(Customers(Text("code"), Column("age", "integer"), Column("ref", "uuid"), Column("born", "date"), Column("active", "boolean"),
                Column("tags", "text[]"), Column("payload", "jsonb"), Column("price", "numeric(12,2)"), Column("seen", "timestamptz"),
                Column("span", "interval"), Column("opens", "time"), Column("short", "varchar(20)"), Column("blob", "bytea"))),
            "INSERT INTO customers (full_name, code, age, ref, born, active, tags, payload, price, seen, span, opens, short, blob) "
            + "SELECT n, 'c-' || n, 30, gen_random_uuid(), '1990-01-01', true, ARRAY[n], jsonb_build_object('n', n), 9.99, now(), '1 day', '09:00', left(n, 20), convert_to(n, 'UTF8') "
            + $"FROM (VALUES {s_names}) v(n);",
            Db(Customers()), [KeepCustomers], Destructive: true);
        yield return new("drop NOT NULL inet column of an empty table", Db(Customers(), Table("hosts", Id(), Column("address", "inet"))), s_seedCustomers,
            Db(Customers(), Table("hosts", Id())), [KeepCustomers, "SELECT id FROM hosts"], Destructive: true);
        yield return new("drop columns with an index, a unique and a check constraint",
            Db(Customers(Column("age", "integer", nullable: true), Text("email", nullable: true)) with
            {
                UniqueConstraints = [new UniqueConstraintSchema("uq_customers_email", ["email"])],
                Indexes = [new IndexSchema("ix_customers_age", ["age"])],
                Checks = [new CheckConstraintSchema("ck_customers_age", "age >= 0")],
            }),
            $"INSERT INTO customers (full_name, age, email) SELECT n, length(n), n || '@example.com' FROM (VALUES {s_names}) v(n);",
            Db(Customers()), [KeepCustomers], Destructive: true);

        // Renames and moves
        yield return new("rename table referenced by a foreign key",
            Db(Customers() with { Indexes = [new IndexSchema("ix_customers_full_name", ["full_name"])] }, Orders(OrdersToCustomers())),
            s_seedCustomers + s_seedOrders,
            Db(new TableSchema("public", "clients", [Id(), Text("full_name")], new PrimaryKeySchema("pk_clients", ["id"]),
                    indexes: [new IndexSchema("ix_clients_full_name", ["full_name"])]) { RenamedFrom = "customers" },
                Orders(new ForeignKeySchema("fk_orders_customer_id", ["customer_id"], "public", "clients", ["id"], OnDelete.NoAction))),
            [KeepCustomers, KeepOrders]);
        yield return new("rename columns with their constraints and indexes",
            Db(Customers() with
            {
                UniqueConstraints = [new UniqueConstraintSchema("uq_customers_full_name", ["full_name"])],
                Indexes = [new IndexSchema("ix_customers_full_name", ["full_name"], Where: "full_name <> ''")],
            }, Orders(OrdersToCustomers())),
            s_seedCustomers + s_seedOrders,
            Db(Table("customers", Id(), Text("display_name") with { RenamedFrom = "full_name" }) with
            {
                UniqueConstraints = [new UniqueConstraintSchema("uq_customers_display_name", ["display_name"])],
                Indexes = [new IndexSchema("ix_customers_display_name", ["display_name"], Where: "display_name <> ''")],
            }, Table("orders", Id(), Column("buyer_id", "uuid", nullable: true) with { RenamedFrom = "customer_id" }, Text("label")) with
            {
                ForeignKeys = [References("orders", "buyer_id", "customers")],
            }),
            [KeepCustomers, KeepOrders]);
        yield return new("rename table and its column",
            Db(Customers() with { Indexes = [new IndexSchema("ix_customers_full_name", ["full_name"])] }), s_seedCustomers,
            Db(new TableSchema("public", "clients", [Id(), Text("display_name") with { RenamedFrom = "full_name" }], new PrimaryKeySchema("pk_clients", ["id"]),
                indexes: [new IndexSchema("ix_clients_display_name", ["display_name"])]) { RenamedFrom = "customers" }),
            [KeepCustomers]);
        yield return new("move table to another schema",
            Db(Customers() with { Indexes = [new IndexSchema("ix_customers_full_name", ["full_name"])] }, Orders(OrdersToCustomers())),
            s_seedCustomers + s_seedOrders,
            Db(Customers() with { Schema = "crm", RenamedFrom = "public.customers", Indexes = [new IndexSchema("ix_customers_full_name", ["full_name"])] },
                Orders(new ForeignKeySchema("fk_orders_customer_id", ["customer_id"], "crm", "customers", ["id"], OnDelete.NoAction))),
            [KeepCustomers, KeepOrders]);

        // Types
        yield return new("widen types",
            Db(Table("items", Id(), Column("code", "varchar(10)"), Column("qty", "integer", @default: "0"), Column("small", "smallint"),
                Column("price", "numeric(8,2)"), Column("ratio", "real"))),
            $"INSERT INTO items (code, qty, small, price, ratio) VALUES ({Lit("O'Brien")}, 5, 1, 12.50, 1.5), ({Lit("Zoë 日本")}, 0, -3, 0.01, -0.25), ('x', 2147483647, 32767, 999999.99, 0);",
            Db(Table("items", Id(), Column("code", "varchar(40)"), Column("qty", "bigint", @default: "0"), Column("small", "integer"),
                Column("price", "numeric(12,4)"), Column("ratio", "double precision"))),
            ["SELECT id, code, qty, small, price, ratio FROM items"]);
        yield return new("narrow types",
            Db(Table("items", Id(), Column("code", "text"), Column("label", "varchar(40)"), Column("big", "bigint", @default: "1"), Column("amount", "numeric(12,4)"))),
            $"INSERT INTO items (code, label, big, amount) VALUES ('42', {Lit("O'Brien")}, 1, 12.5), ('-7', {Lit("Zoë 日本")}, -2, 0), ('0', 'x', 2147483647, 999999.99);",
            Db(Table("items", Id(), Column("code", "integer"), Column("label", "varchar(10)"), Column("big", "integer", @default: "1"), Column("amount", "numeric(8,2)"))),
            ["SELECT id, code, label, big, amount FROM items"], Destructive: true);

        // Defaults
        var plainDefaults = Db(Customers(Text("motto"), Column("level", "integer")));
        var withDefaults = Db(Customers(Text("motto", @default: Lit(s_hostile[1])), Column("level", "integer", @default: "7")));
        var seedDefaults = $"INSERT INTO customers (full_name, motto, level) SELECT n, 'motto of ' || n, length(n) FROM (VALUES {s_names}) v(n);";
        string[] keepDefaults = ["SELECT id, full_name, motto, level FROM customers"];
        yield return new("set defaults", plainDefaults, seedDefaults, withDefaults, keepDefaults);
        yield return new("drop defaults", withDefaults, seedDefaults, plainDefaults, keepDefaults);
        yield return new("change defaults", Db(Customers(Text("motto", @default: Lit(s_hostile[0])), Column("level", "integer", @default: "1"))), seedDefaults,
            Db(Customers(Text("motto", @default: Lit(s_hostile[2])), Column("level", "integer", @default: "2"))), keepDefaults);

        // Identity
        var numbered = Db(Table("tickets", Id(), Column("number", "integer") with { Identity = true }, Text("title")));
        var plain = Db(Table("tickets", Id(), Column("number", "integer"), Text("title")));
        string[] keepTickets = ["SELECT id, number, title FROM tickets"];
        yield return new("identity on", plain, $"INSERT INTO tickets (number, title) SELECT row_number() OVER (), n FROM (VALUES {s_names}) v(n);", numbered, keepTickets);
        yield return new("identity off", numbered, $"INSERT INTO tickets (title) VALUES {s_names};", plain, keepTickets);

        // Nullability
        var seedNicks = $"INSERT INTO customers (full_name, nick) SELECT n, left(n, 3) FROM (VALUES {s_names}) v(n);";
        yield return new("make column nullable", Db(Customers(Text("nick"))), seedNicks, Db(Customers(Text("nick", nullable: true))),
            ["SELECT id, full_name, nick FROM customers"]);
        yield return new("make column NOT NULL", Db(Customers(Text("nick", nullable: true))), seedNicks, Db(Customers(Text("nick"))),
            ["SELECT id, full_name, nick FROM customers"]);
        yield return new("make column NOT NULL filling NULLs with its new default", Db(Customers(Text("nick", nullable: true))),
            s_seedCustomers, Db(Customers(Text("nick", @default: "'anon'"))), [KeepCustomers]);

        // Constraints
        var seedTags = $"INSERT INTO tags (label) VALUES {s_names};";
        var tags = Table("tags", Id(), Text("label"));
        yield return new("add primary key", Db(tags with { PrimaryKey = null }), seedTags, Db(tags), ["SELECT id, label FROM tags"]);
        yield return new("drop primary key", Db(tags), seedTags, Db(tags with { PrimaryKey = null }), ["SELECT id, label FROM tags"]);

        var emails = Customers(Text("email"));
        var seedEmails = $"INSERT INTO customers (full_name, email) SELECT n, n || '@example.com' FROM (VALUES {s_names}) v(n);";
        var uniqueEmails = emails with { UniqueConstraints = [new UniqueConstraintSchema("uq_customers_email", ["email"])] };
        yield return new("add unique constraint", Db(emails), seedEmails, Db(uniqueEmails), ["SELECT id, full_name, email FROM customers"]);
        yield return new("drop unique constraint", Db(uniqueEmails), seedEmails, Db(emails), ["SELECT id, full_name, email FROM customers"]);

        var ages = Customers(Column("age", "integer"));
        var seedAges = $"INSERT INTO customers (full_name, age) SELECT n, 20 + length(n) FROM (VALUES {s_names}) v(n);";
        var checkedAges = ages with { Checks = [new CheckConstraintSchema("ck_customers_age", "age >= 0")] };
        yield return new("add check constraint", Db(ages), seedAges, Db(checkedAges), ["SELECT id, full_name, age FROM customers"]);
        yield return new("drop check constraint", Db(checkedAges), seedAges, Db(ages), ["SELECT id, full_name, age FROM customers"]);
        yield return new("change check constraint", Db(checkedAges), seedAges,
            Db(ages with { Checks = [new CheckConstraintSchema("ck_customers_age", "age >= 0 AND age < 150")] }), ["SELECT id, full_name, age FROM customers"]);

        var seedOrdersToo = s_seedCustomers + s_seedOrders;
        yield return new("add foreign key with ON DELETE CASCADE", Db(Customers(), Orders()), seedOrdersToo, Db(Customers(), Orders(OrdersToCustomers(OnDelete.Cascade))),
            [KeepCustomers, KeepOrders]);
        yield return new("drop foreign key with ON DELETE SET NULL", Db(Customers(), Orders(OrdersToCustomers(OnDelete.SetNull))), seedOrdersToo, Db(Customers(), Orders()),
            [KeepCustomers, KeepOrders]);
        yield return new("change ON DELETE of a foreign key", Db(Customers(), Orders(OrdersToCustomers(OnDelete.Restrict))), seedOrdersToo,
            Db(Customers(), Orders(OrdersToCustomers(OnDelete.Cascade))), [KeepCustomers, KeepOrders]);

        var named = Customers(Text("email"), Column("age", "integer")) with
        {
            UniqueConstraints = [new UniqueConstraintSchema("uq_customers_email", ["email"])],
            Checks = [new CheckConstraintSchema("ck_customers_age", "age >= 0")],
        };
        yield return new("rename primary key, unique, check and foreign key", Db(named, Orders(OrdersToCustomers())),
            $"INSERT INTO customers (full_name, email, age) SELECT n, n || '@example.com', length(n) FROM (VALUES {s_names}) v(n);" + s_seedOrders,
            Db(named with
            {
                PrimaryKey = new PrimaryKeySchema("customers_pkey", ["id"]),
                UniqueConstraints = [new UniqueConstraintSchema("customers_email_key", ["email"])],
                Checks = [new CheckConstraintSchema("customers_age_check", "age >= 0")],
            }, Orders(new ForeignKeySchema("orders_customer_id_fkey", ["customer_id"], "public", "customers", ["id"], OnDelete.NoAction))),
            ["SELECT id, full_name, email, age FROM customers", KeepOrders]);

        // Indexes
        var searchable = Customers(Column("tags", "text[]"), Column("profile", "jsonb"), Text("email", nullable: true));
        var seedSearchable = $"INSERT INTO customers (full_name, tags, profile, email) SELECT n, ARRAY[n, 'x'], jsonb_build_object('name', n), n || '@example.com' FROM (VALUES {s_names}) v(n);"
            + "INSERT INTO customers (full_name, tags, profile) VALUES ('no email', '{}', '{}');";
        string[] keepSearchable = ["SELECT id, full_name, tags, profile, email FROM customers"];
        IndexSchema[] allKinds =
        [
            new IndexSchema("ix_customers_full_name", ["full_name"]),
            new IndexSchema("ix_customers_tags", ["tags"], IndexMethod.Gin),
            new IndexSchema("ix_customers_profile", ["profile"], IndexMethod.Gin),
            new IndexSchema("ux_customers_email", ["email"], Unique: true, Where: "email IS NOT NULL"),
        ];
        yield return new("create btree index", Db(searchable), seedSearchable, Db(searchable with { Indexes = [allKinds[0]] }), keepSearchable);
        yield return new("create gin indexes", Db(searchable), seedSearchable, Db(searchable with { Indexes = [allKinds[1], allKinds[2]] }), keepSearchable);
        yield return new("create partial unique index", Db(searchable), seedSearchable, Db(searchable with { Indexes = [allKinds[3]] }), keepSearchable);
        yield return new("drop btree, gin and partial indexes", Db(searchable with { Indexes = allKinds }), seedSearchable, Db(searchable), keepSearchable);
        yield return new("rename indexes", Db(searchable with { Indexes = allKinds }), seedSearchable,
            Db(searchable with { Indexes = allKinds.Select(index => index with { Name = index.Name + "_renamed" }).ToArray() }), keepSearchable);
        yield return new("change index method", Db(searchable with { Indexes = [allKinds[0]] }), seedSearchable,
            Db(searchable with { Indexes = [allKinds[0] with { Method = IndexMethod.Brin }] }), keepSearchable);
        yield return new("change index predicate", Db(searchable with { Indexes = [allKinds[3]] }), seedSearchable,
            Db(searchable with { Indexes = [allKinds[3] with { Where = "email IS NOT NULL AND email <> ''" }] }), keepSearchable);

        var ginOnText = new IndexSchema("ix_customers_full_name_gin", ["full_name"], IndexMethod.Gin);
        yield return new("create index needing btree_gin", Db(Customers()), s_seedCustomers, Db(Customers() with { Indexes = [ginOnText] }), [KeepCustomers]);
        yield return new("drop index needing btree_gin", Db(Customers() with { Indexes = [ginOnText] }), s_seedCustomers, Db(Customers()), [KeepCustomers]);
        yield return new("create index needing btree_gist", Db(ages), seedAges,
            Db(ages with { Indexes = [new IndexSchema("ix_customers_age_gist", ["age"], IndexMethod.Gist)] }), ["SELECT id, full_name, age FROM customers"]);

        // Several changes to one column at once, and columns that carry more than data
        yield return new("change type, default and nullability of one column at once",
            Db(Table("items", Id(), Column("qty", "integer", nullable: true), Column("code", "varchar(10)", @default: "'n/a'"))),
            "INSERT INTO items (qty, code) VALUES (5, 'abc'), (7, DEFAULT);",
            Db(Table("items", Id(), Column("qty", "bigint", @default: "0"), Column("code", "text", nullable: true, @default: Lit(s_hostile[1])))),
            ["SELECT id, qty, code FROM items"]);
        yield return new("drop identity column", numbered, $"INSERT INTO tickets (title) VALUES {s_names};",
            Db(Table("tickets", Id(), Text("title"))), ["SELECT id, title FROM tickets"], Destructive: true);
        yield return new("drop foreign key column", Db(Customers(), Orders(OrdersToCustomers(OnDelete.Cascade))), seedOrdersToo,
            Db(Customers(), Table("orders", Id(), Text("label"))), [KeepCustomers, "SELECT id, label FROM orders"], Destructive: true);
        yield return new("drop a column of the primary key", Db(Table("pairs", Column("a", "integer"), Column("b", "text")) with { PrimaryKey = new PrimaryKeySchema("pk_pairs", ["a", "b"]) }),
            $"INSERT INTO pairs (a, b) SELECT length(n), n FROM (VALUES {s_names}) v(n);",
            Db(Table("pairs", Column("a", "integer")) with { PrimaryKey = new PrimaryKeySchema("pk_pairs", ["a"]) }), ["SELECT a FROM pairs"], Destructive: true);

        // Identifiers that need quoting everywhere
        const string weirdTable = "Ta'ble \"x\"; --";
        const string weirdColumn = "Col\"umn ü";
        var weird = new TableSchema("public", weirdTable,
            [Id(), Column(weirdColumn, "integer") with { Identity = true }, Text("It's", nullable: true, @default: Lit(s_hostile[0]))],
            new PrimaryKeySchema("pk \"weird\"", ["id"]),
            [new UniqueConstraintSchema("uq 'weird'", ["It's"])],
            [new IndexSchema("ix \"weird\"; --", [weirdColumn], Where: $"{Q("It's")} <> 'it''s'")],
            checks: [new CheckConstraintSchema("ck;--", $"{Q(weirdColumn)} > 0")]);
        var seedWeird = $"INSERT INTO {Q(weirdTable)} ({Q("It's")}) VALUES {s_names};";
        string[] keepWeird = [$"SELECT id, {Q(weirdColumn)}, {Q("It's")} FROM {Q(weirdTable)}"];
        yield return new("create table with hostile identifiers", Db(Customers()), s_seedCustomers, Db(Customers(), weird), [KeepCustomers]);
        yield return new("drop table with hostile identifiers", Db(Customers(), weird), s_seedCustomers + seedWeird, Db(Customers()), [KeepCustomers], Destructive: true);
        yield return new("identity off in a table with hostile identifiers", Db(weird), seedWeird,
            Db(weird with { Columns = [Id(), Column(weirdColumn, "integer"), Text("It's", nullable: true, @default: Lit(s_hostile[0]))] }), keepWeird);
        yield return new("rename and move to hostile identifiers", Db(weird), seedWeird,
            Db(weird with
            {
                Schema = "Sch'ema \"ü\"",
                Name = "Ren'amed \"t\"",
                RenamedFrom = $"public.{weirdTable}",
                Columns = [Id(), Column("Ren\"amed col", "integer") with { Identity = true, RenamedFrom = weirdColumn }, Text("It's", nullable: true, @default: Lit(s_hostile[0]))],
                PrimaryKey = new PrimaryKeySchema("pk \"renamed\"", ["id"]),
                Indexes = [new IndexSchema("ix \"weird\"; --", ["Ren\"amed col"], Where: $"{Q("It's")} <> 'it''s'")],
                Checks = [new CheckConstraintSchema("ck;--", $"{Q("Ren\"amed col")} > 0")],
            }), keepWeird);
    }

    [TestCaseSource(nameof(RoundTripNames))]
    public async Task Up_then_down_restores_the_schema_and_the_untouched_rows(string name)
    {
        var trip = s_roundTrips[name];
        var a = await MigrateToAsync(trip.A);
        await ExecuteAsync(trip.Seed);
        var before = await ReadLiveSchemaAsync();
        var rowsBefore = await RowsAsync(trip.Kept);

        var b = await MigrateToAsync(trip.B, new DiffOptions { AllowDestructive = trip.Destructive, AllowRewrite = true });
        Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.Not.EqualTo(Canonical(before)), "B should change the live schema");

        var back = await Runner().MigrateToAsync(a.Name, allowDestructive: true);

        Assert.That(back.Error, Is.Null, b.DownScript);
        Assert.That(back.Reverted.Select(migration => migration.Name), Is.EqualTo(b.RevertOrder));
        Assert.That(back.Applied, Is.Empty);
        await AssertSchemaIsAsync(before, b.DownScript);
        Assert.That(await JournalNamesAsync(), Is.EqualTo(a.ScriptNames));
        Assert.That(await RowsAsync(trip.Kept), Is.EqualTo(rowsBefore), "rows of the tables and columns the change left alone");

        var again = await Runner().MigrateToAsync(a.Name, allowDestructive: true);
        Assert.That(again.Error, Is.Null);
        Assert.That(again.Reverted, Is.Empty);
        Assert.That(again.Applied, Is.Empty);

        var forward = await Runner().MigrateToAsync(b.Name);
        Assert.That(forward.Error, Is.Null, b.Script);
        Assert.That(forward.Applied.Select(migration => migration.Name), Is.EqualTo(b.ScriptNames));
        Assert.That(forward.Reverted, Is.Empty);
        await AssertLiveSchemaIsSnapshotAsync();

        var zero = await Runner().MigrateToAsync(MigrationRunner.Zero, allowDestructive: true);
        Assert.That(zero.Error, Is.Null, a.DownScript);
        Assert.That(zero.Reverted.Select(migration => migration.Name), Is.EqualTo(b.RevertOrder.Concat(a.RevertOrder)));
        Assert.That((await ReadLiveSchemaAsync()).Tables.Select(table => table.QualifiedName.ToString()), Is.Empty);
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.aksara_migrations') IS NOT NULL"), Is.True, "the journal stays");
        Assert.That(await JournalAsync(), Is.Empty);
    }

    [Test]
    public async Task Going_back_several_migrations_reverts_them_newest_first_in_one_run()
    {
        var a = await MigrateToAsync(Db(Customers()));
        await ExecuteAsync(s_seedCustomers);
        var before = await ReadLiveSchemaAsync();
        var rowsBefore = await RowsAsync([KeepCustomers]);
        var b = await MigrateToAsync(Db(Customers(Text("phone", nullable: true)), Orders(OrdersToCustomers())));
        await ExecuteAsync(s_seedOrders);
        var c = await MigrateToAsync(Db(Customers(Text("phone", nullable: true)) with { Indexes = [new IndexSchema("ix_customers_phone", ["phone"])] },
            Orders(OrdersToCustomers(OnDelete.Cascade))));

        var reverted = new List<string>();
        var back = await Runner(builder => builder.OnMigrationReverted(migration => reverted.Add(migration.Name))).MigrateToAsync(a.Name, allowDestructive: true);

        Assert.That(back.Error, Is.Null);
        Assert.That(back.Reverted.Select(migration => migration.Name), Is.EqualTo(c.RevertOrder.Concat(b.RevertOrder)));
        Assert.That(reverted, Is.EqualTo(c.RevertOrder.Concat(b.RevertOrder)));
        await AssertSchemaIsAsync(before, b.DownScript);
        Assert.That(await JournalNamesAsync(), Is.EqualTo(a.ScriptNames));
        Assert.That(await RowsAsync([KeepCustomers]), Is.EqualTo(rowsBefore));
    }

    [Test]
    public async Task The_down_of_a_migration_that_drops_a_column_says_its_values_cannot_be_brought_back()
    {
        await MigrateToAsync(Db(Customers(Text("fax", nullable: true))));

        var drop = await MigrateToAsync(Db(Customers()), s_destructive);

        var down = File.ReadAllText(Migrations.Find(drop.Name)!.DownPath);
        Assert.That(down, Is.EqualTo(drop.DownScript));
        var header = HeaderLines(down);
        Assert.That(header, Does.Contain("-- Cannot be brought back:"));
        Assert.That(header.Where(line => line.StartsWith("--   * customers.fax:", StringComparison.Ordinal)).ToList(),
            Is.EqualTo(new[] { "--   * customers.fax: comes back holding NULL in every row; the values the migration deleted are gone." }));
        // The down only adds the column back: it deletes nothing, so reverting needs no confirmation.
        Assert.That(header, Does.Not.Contain("-- aksara:destructive"));
        Assert.That(ScriptDirectives.IsDestructive(down), Is.False);
        Assert.That(drop.Script, Does.Contain("-- aksara:destructive: Drop column customers.fax and its data"));
    }

    [Test]
    public async Task The_down_of_a_pure_add_column_migration_is_marked_destructive_because_it_drops_the_column()
    {
        await MigrateToAsync(Db(Customers()));

        var add = await MigrateToAsync(Db(Customers(Text("phone", nullable: true))));

        Assert.That(add.IsDestructive, Is.False);
        Assert.That(add.Script, Does.Not.Contain("aksara:destructive"));
        var header = HeaderLines(add.DownScript);
        Assert.That(header, Does.Contain("-- aksara:destructive"));
        Assert.That(header, Does.Contain("--   * customers.phone: its values are deleted."));
        Assert.That(add.DownScript, Does.Contain("-- aksara:destructive: Drop column customers.phone and its data\nALTER TABLE \"public\".\"customers\" DROP COLUMN \"phone\";"));
    }

    [Test]
    public async Task The_down_of_a_change_that_deletes_nothing_either_way_has_no_destructive_marker_and_no_losses()
    {
        await MigrateToAsync(Db(Customers()));

        var index = await MigrateToAsync(Db(Customers() with { Indexes = [new IndexSchema("ix_customers_full_name", ["full_name"])] }));

        Assert.That(index.DownScript, Does.Not.Contain("aksara:destructive").And.Not.Contain("Cannot be brought back"));
        Assert.That(index.DownScript, Does.Contain("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"ix_customers_full_name\";"));
    }

    [Test]
    public async Task Reverting_through_a_destructive_down_without_allow_destructive_refuses_and_changes_nothing()
    {
        var a = await MigrateToAsync(Db(Customers()));
        await ExecuteAsync(s_seedCustomers);
        var b = await MigrateToAsync(Db(Customers(Text("phone", nullable: true))));
        await ExecuteAsync("UPDATE customers SET phone = '+1 555 ' || length(full_name)");
        var schema = Canonical(await ReadLiveSchemaAsync());
        var journal = await JournalAsync();
        var rows = await RowsAsync(["SELECT id, full_name, phone FROM customers"]);

        var plan = await Runner().GetPlanAsync(a.Name);
        var refused = await Runner().MigrateToAsync(a.Name);

        Assert.That(plan.Reverts.Select(revert => revert.Name), Is.EqualTo(b.RevertOrder));
        Assert.That(refused.Error, Is.Not.Null);
        Assert.That(refused.Error!.Message, Does.Contain($"Reverting {b.Name} deletes data").And.Contain("customers.phone"));
        Assert.That(refused.Reverted, Is.Empty);
        Assert.That(refused.Applied, Is.Empty);
        Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.EqualTo(schema));
        Assert.That(await JournalAsync(), Is.EqualTo(journal));
        Assert.That(await RowsAsync(["SELECT id, full_name, phone FROM customers"]), Is.EqualTo(rows));
    }

    public enum NoWayBack
    {
        HandWrittenWithoutDown,
        DownFileDeleted,
        MarkedIrreversible,
    }

    [TestCase(NoWayBack.HandWrittenWithoutDown)]
    [TestCase(NoWayBack.DownFileDeleted)]
    [TestCase(NoWayBack.MarkedIrreversible)]
    public async Task Reverting_across_a_migration_without_a_way_back_refuses_naming_it_and_reverts_nothing(NoWayBack kind)
    {
        var a = await MigrateToAsync(Db(Customers()));
        await ExecuteAsync(s_seedCustomers);
        await MigrateToAsync(Db(Customers(Text("phone", nullable: true))));
        string blocker;
        switch (kind)
        {
            case NoWayBack.DownFileDeleted:
                var generated = await MigrateToAsync(Db(Customers(Text("phone", nullable: true), Text("nick", nullable: true))));
                File.Delete(Migrations.Find(generated.Name)!.DownPath);
                blocker = generated.Name;
                break;
            default:
                blocker = "0003_manual";
                WriteScript("0003_manual.sql", (kind == NoWayBack.MarkedIrreversible ? "-- 0003_manual\n-- aksara:irreversible\n\n" : "")
                    + $"UPDATE customers SET full_name = full_name || {Lit(" (ü)")};");
                if (kind == NoWayBack.MarkedIrreversible)
                    WriteScript("0003_manual.down.sql", $"UPDATE customers SET full_name = left(full_name, -{" (ü)".Length});");
                Assert.That((await Runner().MigrateAsync()).Applied.Select(migration => migration.Name), Is.EqualTo(new[] { blocker }));
                break;
        }
        var latest = await MigrateToAsync(Db(kind == NoWayBack.DownFileDeleted
            ? Customers(Text("phone", nullable: true), Text("nick", nullable: true), Text("fax", nullable: true))
            : Customers(Text("phone", nullable: true), Text("fax", nullable: true))));
        var schema = Canonical(await ReadLiveSchemaAsync());
        var journal = await JournalAsync();
        var rows = await RowsAsync([KeepCustomers]);

        var refused = await Runner().MigrateToAsync(a.Name, allowDestructive: true);

        Assert.That(refused.Error, Is.Not.Null);
        Assert.That(refused.Error!.Message, Does.Contain($"Cannot go back to {a.Name}: {blocker}").And.Contain("Nothing was changed"));
        Assert.That(refused.Error.Message, kind == NoWayBack.MarkedIrreversible ? Does.Contain("aksara:irreversible") : Does.Contain($"{blocker}.down.sql"));
        Assert.That(refused.Reverted, Is.Empty, $"{latest.Name} can be reverted, but the run must not start when it cannot finish");
        Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.EqualTo(schema));
        Assert.That(await JournalAsync(), Is.EqualTo(journal));
        Assert.That(await RowsAsync([KeepCustomers]), Is.EqualTo(rows));
    }

    [Test]
    public async Task A_failing_down_script_is_rolled_back_names_the_file_and_line_and_leaves_the_migration_applied()
    {
        var a = await MigrateToAsync(Db(Customers()));
        await ExecuteAsync(s_seedCustomers);
        // One script, so that the failure rolls back the index drop too.
        var b = Generate(Db(Customers(Text("phone", nullable: true)) with { Indexes = [new IndexSchema("ix_customers_phone", ["phone"])] }), new DiffOptions { Unsafe = true });
        // Edited before it is applied: a down edited afterwards is refused before it runs (its checksum no longer matches).
        var downPath = Migrations.Find(b.Name)!.DownPath;
        const string drop = "ALTER TABLE \"public\".\"customers\" DROP COLUMN \"phone\";";
        const string broken = "UPDATE \"public\".\"missing_table\" SET x = 1;";
        var edited = File.ReadAllText(downPath).Replace(drop, drop + "\n" + broken, StringComparison.Ordinal);
        Assert.That(edited, Does.Contain(broken));
        File.WriteAllText(downPath, edited);
        var brokenLine = edited.Split('\n').ToList().IndexOf(broken) + 1;
        Assert.That((await Runner().MigrateAsync()).Error, Is.Null);
        await AssertLiveSchemaIsSnapshotAsync();
        var schema = Canonical(await ReadLiveSchemaAsync());
        var journal = await JournalAsync();

        var failed = await Runner().MigrateToAsync(a.Name, allowDestructive: true);

        var error = failed.Error as MigrationScriptException;
        Assert.That(error, Is.Not.Null, failed.Error?.ToString());
        Assert.That(error!.ScriptName, Is.EqualTo(b.Name + ".down.sql"));
        Assert.That(error.Line, Is.EqualTo(brokenLine));
        Assert.That(error.Message, Does.Contain($"{b.Name}.down.sql failed at line {brokenLine}").And.Contain("missing_table\" does not exist")
            .And.Contain(broken).And.Contain($"{b.Name} stays applied"));
        Assert.That(failed.Reverted, Is.Empty);
        Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.EqualTo(schema), "the index drop and column drop before the failing line were rolled back");
        Assert.That(await JournalAsync(), Is.EqualTo(journal));
        Assert.That((await Runner().GetStatusAsync()).Select(status => (status.Name, status.State)),
            Is.EqualTo(new[] { (a.Name, MigrationState.Applied), (b.Name, MigrationState.Applied) }));
    }

    [Test]
    public async Task Reverting_the_drop_of_a_NOT_NULL_column_without_a_placeholder_fails_on_a_table_with_rows_and_changes_nothing()
    {
        var a = await MigrateToAsync(Db(Customers(Column("address", "inet"))));
        await ExecuteAsync($"INSERT INTO customers (full_name, address) VALUES ({Lit(s_hostile[1])}, '10.0.0.1'), ({Lit(s_hostile[2])}, '::1');");
        var b = await MigrateToAsync(Db(Customers()), s_destructive);
        Assert.That(HeaderLines(b.DownScript), Does.Contain("--   * customers.address: comes back empty (the revert fails if the table has rows); the values the migration deleted are gone."));
        var schema = Canonical(await ReadLiveSchemaAsync());
        var journal = await JournalAsync();
        var rows = await RowsAsync([KeepCustomers]);

        var failed = await Runner().MigrateToAsync(a.Name, allowDestructive: true);

        var error = failed.Error as MigrationScriptException;
        Assert.That(error, Is.Not.Null, failed.Error?.ToString());
        Assert.That(error!.ScriptName, Is.EqualTo(b.Name + ".down.sql"));
        Assert.That(error.SqlState, Is.EqualTo("23502"));
        Assert.That(error.Message, Does.Contain("\"address\"").And.Contain($"{b.Name} stays applied"));
        Assert.That(failed.Reverted, Is.Empty);
        Assert.That(Canonical(await ReadLiveSchemaAsync()), Is.EqualTo(schema), "the column added before the failing SET NOT NULL was rolled back");
        Assert.That(await JournalAsync(), Is.EqualTo(journal));
        Assert.That(await RowsAsync([KeepCustomers]), Is.EqualTo(rows));
    }

    /// <summary>Compares the live schema with <paramref name="expected"/>: first as drift (readable), then field by field, column order aside.</summary>
    private async Task AssertSchemaIsAsync(DatabaseSchema expected, string downScript)
    {
        var live = await ReadLiveSchemaAsync();
        await using (var connection = await DataSource.OpenConnectionAsync())
            Assert.That((await DriftCheck.RunAsync(connection, expected, SchemaIntrospector.DefaultJournalTable)).Lines, Is.Empty, downScript);
        Assert.That(Canonical(live), Is.EqualTo(Canonical(expected)), downScript);
    }

    /// <summary>
    /// The schema as text with every field that the introspection reads (types, nullability, exact default and predicate
    /// text, identity, constraint and index definitions) and columns sorted by name: a column dropped and added back
    /// comes last, which is the only difference a revert may leave.
    /// </summary>
    /// <summary>The rows each query returns, as JSON, sorted: equal lists mean equal contents.</summary>
    private async Task<List<string>> RowsAsync(IEnumerable<string> queries)
    {
        var rows = new List<string>();
        foreach (var query in queries)
        {
            var these = new List<string>();
            await using var command = DataSource.CreateCommand($"SELECT to_jsonb(r)::text FROM ({query}) r");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                these.Add(reader.GetString(0));
            these.Sort(StringComparer.Ordinal);
            rows.Add($"{query}: {these.Count} rows");
            rows.AddRange(these);
        }
        return rows;
    }

    private async Task<List<string>> JournalNamesAsync() => (await JournalAsync()).Select(row => row[..row.IndexOf(':', StringComparison.Ordinal)]).ToList();

    private static List<string> HeaderLines(string script) =>
        script.Split('\n').TakeWhile(line => line.StartsWith("--", StringComparison.Ordinal)).ToList();
}
