using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

/// <summary>
/// Each kind of change: generated from schema models, applied to a database that already holds rows, and the live
/// schema read back from pg_catalog compared with the snapshot.
/// </summary>
public class SchemaChangeIntegrationTests : MigrationTestBase
{
    private static readonly DiffOptions s_destructive = new() { AllowDestructive = true, AllowRewrite = true };

    private static TableSchema Customers(params ColumnSchema[] extra) => Table("customers", [Id(), Text("full_name"), .. extra]);

    private async Task SeedCustomersAsync(DatabaseSchema models)
    {
        await MigrateToAsync(models);
        await ExecuteAsync("INSERT INTO customers (full_name) VALUES ('Ada'), ('Grace')");
    }

    [Test]
    public async Task Initial_schema_with_every_index_method_schemas_and_a_foreign_key_cycle_applies()
    {
        var documents = new TableSchema("content", "documents",
            [Id(), Column("body", "jsonb"), Column("tags", "text[]"), Column("title", "varchar(200)"), Column("owner_id", "uuid", nullable: true),
             Column("period", "tstzrange", nullable: true), Column("created_at", "timestamptz", @default: "now()"), Column("score", "numeric(12,2)", @default: "0")],
            new PrimaryKeySchema("pk_documents", ["id"]),
            [new UniqueConstraintSchema("uq_documents_title", ["title"])],
            [
                new IndexSchema("ix_documents_body", ["body"], IndexMethod.Gin),
                new IndexSchema("ix_documents_tags", ["tags"], IndexMethod.Gin),
                new IndexSchema("ix_documents_title_gin", ["title"], IndexMethod.Gin),
                new IndexSchema("ix_documents_owner_id", ["owner_id"], IndexMethod.Gist),
                new IndexSchema("ix_documents_period", ["period"], IndexMethod.Gist),
                new IndexSchema("ix_documents_created_at", ["created_at"], IndexMethod.Brin),
                new IndexSchema("ix_documents_title_hash", ["title"], IndexMethod.Hash),
                new IndexSchema("ux_documents_owner_id_title", ["owner_id", "title"], Unique: true, Where: "owner_id IS NOT NULL"),
            ],
            [new ForeignKeySchema("fk_documents_owner_id", ["owner_id"], "public", "owners", ["id"], OnDelete.SetNull)],
            [new CheckConstraintSchema("ck_documents_1", "score >= 0")]);
        var owners = Table("owners", Id(), Column("favourite_id", "uuid", nullable: true)) with
        {
            ForeignKeys = [new ForeignKeySchema("fk_owners_favourite_id", ["favourite_id"], "content", "documents", ["id"], OnDelete.NoAction)],
        };

        var migration = await MigrateToAsync(Db(documents, owners));

        Assert.That(migration.Name, Is.EqualTo("0001_initial"));
        await ExecuteAsync("INSERT INTO owners DEFAULT VALUES; INSERT INTO content.documents (body, tags, title, owner_id) SELECT '{\"a\":1}', '{x}', 'T', id FROM owners");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM content.documents WHERE body @> '{\"a\":1}'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Adding_columns_keeps_rows_and_fills_defaults()
    {
        await SeedCustomersAsync(Db(Customers()));

        await MigrateToAsync(Db(Customers(Text("phone", nullable: true), Column("vip", "boolean", @default: "false"))));

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM customers WHERE phone IS NULL AND vip = false"), Is.EqualTo(2));
    }

    [Test]
    public async Task Renaming_a_table_and_a_column_keeps_every_row()
    {
        await SeedCustomersAsync(Db(Customers() with { Indexes = [new IndexSchema("ix_customers_full_name", ["full_name"])] }));

        var renamed = new TableSchema("public", "clients", [Id(), Text("display_name") with { RenamedFrom = "full_name" }],
            new PrimaryKeySchema("pk_clients", ["id"]), indexes: [new IndexSchema("ix_clients_display_name", ["display_name"])]) { RenamedFrom = "customers" };
        var migration = await MigrateToAsync(Db(renamed));

        Assert.That(migration.Script, Does.Not.Contain("DROP"));
        Assert.That(await ScalarAsync<string>("SELECT string_agg(display_name, ',' ORDER BY display_name) FROM clients"), Is.EqualTo("Ada,Grace"));
    }

    [Test]
    public async Task Moving_a_table_to_another_schema_keeps_its_rows()
    {
        await SeedCustomersAsync(Db(Customers()));

        await MigrateToAsync(Db(Customers() with { Schema = "crm", RenamedFrom = "public.customers" }));

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM crm.customers"), Is.EqualTo(2));
    }

    [Test]
    public async Task Altering_type_nullability_and_default_converts_the_rows()
    {
        await MigrateToAsync(Db(Table("items", Id(), Column("code", "varchar(10)"), Column("qty", "integer", nullable: true), Column("note", "text", @default: "'-'"))));
        await ExecuteAsync("INSERT INTO items (code, qty) VALUES ('abc', 5), ('de', NULL)");

        var migration = await MigrateToAsync(Db(Table("items", Id(), Column("code", "varchar(40)"), Column("qty", "bigint", @default: "0"), Column("note", "text", nullable: true, @default: "'n/a'"))),
            new DiffOptions { AllowRewrite = true });

        Assert.That(migration.IsDestructive, Is.False);
        Assert.That(await ScalarAsync<long>("SELECT sum(qty)::bigint FROM items"), Is.EqualTo(5));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM items WHERE qty = 0"), Is.EqualTo(1), "the NULL was filled with the new default");
    }

    [Test]
    public async Task Narrowing_a_type_applies_with_allow_destructive()
    {
        await MigrateToAsync(Db(Table("items", Id(), Column("code", "text"))));
        await ExecuteAsync("INSERT INTO items (code) VALUES ('42')");

        var migration = await MigrateToAsync(Db(Table("items", Id(), Column("code", "integer"))), s_destructive);

        Assert.That(migration.Script, Does.Contain("aksara:destructive"));
        Assert.That(await ScalarAsync<int>("SELECT code FROM items"), Is.EqualTo(42));
    }

    [Test]
    public async Task Dropping_a_column_and_a_table_applies_with_allow_destructive()
    {
        await SeedCustomersAsync(Db(Customers(Text("fax", nullable: true)), Table("legacy", Id())));

        await MigrateToAsync(Db(Customers()), s_destructive);

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM customers"), Is.EqualTo(2));
    }

    [Test]
    public async Task Foreign_keys_are_added_changed_and_dropped()
    {
        var orders = Table("orders", Id(), Column("customer_id", "uuid", nullable: true));
        await SeedCustomersAsync(Db(Customers(), orders));
        await ExecuteAsync("INSERT INTO orders (customer_id) SELECT id FROM customers");

        await MigrateToAsync(Db(Customers(), orders with { ForeignKeys = [References("orders", "customer_id", "customers")] }));
        await MigrateToAsync(Db(Customers(), orders with { ForeignKeys = [References("orders", "customer_id", "customers", OnDelete.SetNull)] }));
        await ExecuteAsync("DELETE FROM customers WHERE full_name = 'Ada'");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id IS NULL"), Is.EqualTo(1));

        await MigrateToAsync(Db(Customers(), orders));
    }

    [Test]
    public async Task Indexes_unique_and_check_constraints_are_added_changed_and_dropped()
    {
        await SeedCustomersAsync(Db(Customers(Column("age", "integer", @default: "30"))));

        await MigrateToAsync(Db(Customers(Column("age", "integer", @default: "30")) with
        {
            UniqueConstraints = [new UniqueConstraintSchema("uq_customers_full_name", ["full_name"])],
            Indexes = [new IndexSchema("ix_customers_age", ["age"])],
            Checks = [new CheckConstraintSchema("ck_customers_1", "age >= 0")],
        }));
        await MigrateToAsync(Db(Customers(Column("age", "integer", @default: "30")) with
        {
            Indexes = [new IndexSchema("ix_customers_age", ["age"], IndexMethod.Brin), new IndexSchema("ix_customers_full_name", ["full_name"], Where: "age > 18")],
            Checks = [new CheckConstraintSchema("ck_customers_1", "age >= 0 AND age <= 150")],
        }));

        var error = Assert.ThrowsAsync<Npgsql.PostgresException>(() => ExecuteAsync("INSERT INTO customers (full_name, age) VALUES ('x', 200)"))!;
        Assert.That(error.ConstraintName, Is.EqualTo("ck_customers_1"));
        await MigrateToAsync(Db(Customers(Column("age", "integer", @default: "30"))));
    }
}
