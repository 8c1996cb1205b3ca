using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

public class SchemaDifferTests
{
    private static readonly TableSchema s_customers = Table("customers", Id(), Text("full_name"));

    private static string Script(DatabaseSchema from, DatabaseSchema to, DiffOptions? options = null) =>
        MigrationScriptWriter.Write("0002_test", new SchemaDiffer(options ?? new DiffOptions()).Diff(from, to));

    private static IReadOnlyList<MigrationOperation> Diff(DatabaseSchema from, DatabaseSchema to, DiffOptions? options = null) =>
        new SchemaDiffer(options ?? new DiffOptions()).Diff(from, to);

    [Test]
    public void Identical_schemas_have_no_operations() =>
        Assert.That(Diff(Db(s_customers), Db(s_customers)), Is.Empty);

    [Test]
    public void A_new_table_is_created_with_quoted_identifiers_and_inline_constraints()
    {
        var table = new TableSchema("public", "orders",
            [Id(), Column("customer_id", "uuid"), Column("total", "numeric(12,2)", @default: "0")],
            new PrimaryKeySchema("pk_orders", ["id"]),
            [new UniqueConstraintSchema("uq_orders_total", ["total"])],
            [new IndexSchema("ix_orders_customer_id", ["customer_id"])],
            [References("orders", "customer_id", "customers", OnDelete.Cascade)],
            [new CheckConstraintSchema("ck_orders_1", "total >= 0")]);

        var script = Script(Db(s_customers), Db(s_customers, table));

        Assert.That(script, Does.Contain("CREATE TABLE \"public\".\"orders\" (\n    \"id\" uuid NOT NULL DEFAULT gen_random_uuid(),"));
        Assert.That(script, Does.Contain("\"total\" numeric(12,2) NOT NULL DEFAULT 0"));
        Assert.That(script, Does.Contain("CONSTRAINT \"pk_orders\" PRIMARY KEY (\"id\")"));
        Assert.That(script, Does.Contain("CONSTRAINT \"uq_orders_total\" UNIQUE (\"total\")"));
        Assert.That(script, Does.Contain("CONSTRAINT \"ck_orders_1\" CHECK (total >= 0)"));
        Assert.That(script, Does.Contain("CONSTRAINT \"fk_orders_customer_id\" FOREIGN KEY (\"customer_id\") REFERENCES \"public\".\"customers\" (\"id\") ON DELETE CASCADE"));
        Assert.That(script, Does.Contain("CREATE INDEX \"ix_orders_customer_id\" ON \"public\".\"orders\" USING btree (\"customer_id\");"));
    }

    [Test]
    public void New_tables_come_in_foreign_key_order_and_a_cycle_is_closed_afterwards()
    {
        var a = Table("a", Id(), Column("b_id", "uuid", nullable: true)) with { ForeignKeys = [References("a", "b_id", "b")] };
        var b = Table("b", Id(), Column("c_id", "uuid")) with { ForeignKeys = [References("b", "c_id", "c")] };
        var c = Table("c", Id(), Column("a_id", "uuid", nullable: true)) with { ForeignKeys = [References("c", "a_id", "a")] };
        var d = Table("d", Id(), Column("d_id", "uuid", nullable: true)) with { ForeignKeys = [References("d", "d_id", "d")] };

        var operations = Diff(DatabaseSchema.Empty, Db(a, b, c, d)).ToList();

        var created = operations.OfType<CreateTable>().Select(create => create.Table.Name).ToList();
        Assert.That(created, Is.EqualTo(new[] { "d", "a", "c", "b" }), "d only references itself; a breaks the cycle; c needs a, b needs c");
        var deferred = operations.OfType<AddConstraint>().Select(add => add.Constraint.Name).ToList();
        Assert.That(deferred, Is.EqualTo(new[] { "fk_a_b_id" }));
        Assert.That(operations.IndexOf(operations.OfType<AddConstraint>().Single()), Is.GreaterThan(operations.IndexOf(operations.OfType<CreateTable>().Last())));
        Assert.That(operations.OfType<CreateTable>().Single(create => create.Table.Name == "d").InlineForeignKeys, Has.Count.EqualTo(1), "a self-reference stays inline");
    }

    [Test]
    public void A_nullable_column_is_added_to_an_existing_table()
    {
        var script = Script(Db(s_customers), Db(s_customers with { Columns = [.. s_customers.Columns, Text("phone", nullable: true)] }));

        Assert.That(script, Does.Contain("ALTER TABLE \"public\".\"customers\" ADD COLUMN \"phone\" text;"));
        Assert.That(script, Does.Contain("--   + Add column customers.phone (text NULL)"));
    }

    [Test]
    public void A_not_null_column_with_a_default_is_added()
    {
        var script = Script(Db(s_customers), Db(s_customers with { Columns = [.. s_customers.Columns, Text("status", @default: "'active'")] }));

        Assert.That(script, Does.Contain("ADD COLUMN \"status\" text NOT NULL DEFAULT 'active';"));
    }

    [Test]
    public void A_not_null_column_without_a_default_is_refused_with_the_three_ways_out()
    {
        var to = Db(s_customers with { Columns = [.. s_customers.Columns, Text("phone")] });

        var refused = Assert.Throws<MigrationRefusedException>(() => Diff(Db(s_customers), to))!;

        Assert.That(refused.Message, Does.Contain("customers.phone"));
        Assert.That(refused.Message, Does.Contain("[Default(").And.Contain("nullable").And.Contain("data migration"));
        Assert.That(refused.Refusals.Select(refusal => refusal.Code), Is.EqualTo(new[] { "not_null_without_default" }), "the code of makemigrations --json");
    }

    [Test]
    public void Dropping_a_column_is_refused_without_allow_destructive()
    {
        var to = Db(s_customers with { Columns = [Id()] });

        var refused = Assert.Throws<MigrationRefusedException>(() => Diff(Db(s_customers), to))!;

        Assert.That(refused.Message, Does.Contain("--allow-destructive").And.Contain("customers.full_name"));
        Assert.That(refused.Refusals.Select(refusal => refusal.Code), Is.EqualTo(new[] { "destructive_change" }), "the code of makemigrations --json");
    }

    [Test]
    public void Destructive_changes_are_written_with_allow_destructive_and_marked()
    {
        var from = Db(s_customers with { Columns = [.. s_customers.Columns, Column("code", "varchar(20)")] }, Table("legacy", Id()));
        var to = Db(s_customers with { Columns = [Id(), Column("code", "varchar(10)")] });

        var script = Script(from, to, new DiffOptions { AllowDestructive = true });

        var marked = script.Split('\n').Where(line => line.Contains("aksara:destructive", StringComparison.Ordinal) && !line.StartsWith("--   ", StringComparison.Ordinal)).ToList();
        Assert.That(marked, Has.Count.EqualTo(3), script);
        Assert.That(script, Does.Contain("DROP TABLE \"public\".\"legacy\";"));
        Assert.That(script, Does.Contain("ALTER TABLE \"public\".\"customers\" DROP COLUMN \"full_name\";"));
        Assert.That(script, Does.Contain("ALTER COLUMN \"code\" TYPE varchar(10) USING \"code\"::varchar(10);"));
    }

    [Test]
    public void Widening_a_type_needs_no_permission()
    {
        var from = Db(Table("t", Id(), Column("code", "varchar(10)")));
        var to = Db(Table("t", Id(), Column("code", "varchar(20)")));

        Assert.That(Script(from, to), Does.Contain("ALTER TABLE \"public\".\"t\" ALTER COLUMN \"code\" TYPE varchar(20) USING \"code\"::varchar(20);"));
    }

    [Test]
    public void RenamedFrom_renames_a_column_and_keeps_it()
    {
        var to = Db(s_customers with { Columns = [Id(), Text("display_name") with { RenamedFrom = "full_name" }] });

        var operations = Diff(Db(s_customers), to);

        Assert.That(operations, Is.EqualTo(new MigrationOperation[] { new RenameColumn(new QualifiedName("public", "customers"), "full_name", "display_name") }));
    }

    [Test]
    public void A_possible_rename_is_asked_about_and_a_yes_renames()
    {
        var resolver = new ScriptedRenameResolver(true);
        var to = Db(s_customers with { Columns = [Id(), Text("display_name")] });

        var operations = Diff(Db(s_customers), to, new DiffOptions { Renames = resolver });

        Assert.That(resolver.Questions, Is.EqualTo(new[] { "customers.full_name -> customers.display_name" }));
        Assert.That(operations.Single(), Is.InstanceOf<RenameColumn>());
    }

    [Test]
    public void A_no_makes_it_a_drop_and_an_add_which_needs_allow_destructive()
    {
        var to = Db(s_customers with { Columns = [Id(), Text("display_name", nullable: true)] });

        Assert.Throws<MigrationRefusedException>(() => Diff(Db(s_customers), to, new DiffOptions { Renames = new ScriptedRenameResolver(false) }));
        var operations = Diff(Db(s_customers), to, new DiffOptions { Renames = new ScriptedRenameResolver(false), AllowDestructive = true });

        Assert.That(operations.Select(operation => operation.GetType()), Is.EqualTo(new[] { typeof(DropColumn), typeof(AddColumn) }));
    }

    [Test]
    public void Without_input_a_possible_rename_is_refused_naming_RenamedFrom()
    {
        var to = Db(s_customers with { Columns = [Id(), Text("display_name")] });

        var refused = Assert.Throws<MigrationRefusedException>(() => Diff(Db(s_customers), to, new DiffOptions { AllowDestructive = true }))!;

        Assert.That(refused.Message, Does.Contain("[RenamedFrom(\"full_name\")]").And.Contain("display_name"));
        Assert.That(refused.Refusals.Select(refusal => refusal.Code), Does.Contain("rename_unconfirmed"), "the code of makemigrations --json");
    }

    [Test]
    public void A_renamed_table_renames_its_derived_constraint_and_index_names_instead_of_rebuilding()
    {
        var from = Db(new TableSchema("public", "clients", [Id(), Text("email")], new PrimaryKeySchema("pk_clients", ["id"]),
            [new UniqueConstraintSchema("uq_clients_email", ["email"])], [new IndexSchema("ix_clients_email", ["email"])]));
        var to = Db(new TableSchema("public", "customers", [Id(), Text("email")], new PrimaryKeySchema("pk_customers", ["id"]),
            [new UniqueConstraintSchema("uq_customers_email", ["email"])], [new IndexSchema("ix_customers_email", ["email"])]) { RenamedFrom = "clients" });

        var script = Script(from, to);

        Assert.That(script, Does.Contain("ALTER TABLE \"public\".\"clients\" RENAME TO \"customers\";"));
        Assert.That(script, Does.Contain("ALTER TABLE \"public\".\"customers\" RENAME CONSTRAINT \"pk_clients\" TO \"pk_customers\";"));
        Assert.That(script, Does.Contain("ALTER INDEX \"public\".\"ix_clients_email\" RENAME TO \"ix_customers_email\";"));
        Assert.That(script, Does.Not.Contain("DROP"));
    }

    [Test]
    public void A_table_moved_to_another_schema_creates_the_schema_first()
    {
        var to = Db(s_customers with { Schema = "sales", RenamedFrom = "public.customers" });

        var script = Script(Db(s_customers), to);

        Assert.That(script.IndexOf("IF to_regnamespace('\"sales\"') IS NULL THEN CREATE SCHEMA \"sales\"; END IF;", StringComparison.Ordinal),
            Is.GreaterThan(0).And.LessThan(script.IndexOf("ALTER TABLE \"public\".\"customers\" SET SCHEMA \"sales\";", StringComparison.Ordinal)));
    }

    [Test]
    public void Changing_on_delete_drops_and_adds_the_foreign_key()
    {
        var orders = Table("orders", Id(), Column("customer_id", "uuid"));
        var from = Db(s_customers, orders with { ForeignKeys = [References("orders", "customer_id", "customers")] });
        var to = Db(s_customers, orders with { ForeignKeys = [References("orders", "customer_id", "customers", OnDelete.Cascade)] });

        var script = Script(from, to);

        Assert.That(script.IndexOf("DROP CONSTRAINT \"fk_orders_customer_id\"", StringComparison.Ordinal),
            Is.GreaterThan(0).And.LessThan(script.IndexOf("ADD CONSTRAINT \"fk_orders_customer_id\" FOREIGN KEY", StringComparison.Ordinal)));
        Assert.That(script, Does.Contain("ON DELETE CASCADE;"));
    }

    [Test]
    public void A_gin_index_on_a_scalar_creates_btree_gin_first()
    {
        var from = Db(s_customers);
        var to = Db(s_customers with { Indexes = [new IndexSchema("ix_customers_full_name", ["full_name"], IndexMethod.Gin)] });

        var script = Script(from, to);

        Assert.That(script.IndexOf("CREATE EXTENSION IF NOT EXISTS \"btree_gin\";", StringComparison.Ordinal),
            Is.GreaterThan(0).And.LessThan(script.IndexOf("USING gin (\"full_name\")", StringComparison.Ordinal)));
    }

    [Test]
    public void A_partial_unique_index_keeps_its_predicate()
    {
        var to = Db(s_customers with { Indexes = [new IndexSchema("ux_customers_full_name", ["full_name"], Unique: true, Where: "full_name <> ''")] });

        Assert.That(Script(Db(s_customers), to), Does.Contain("CREATE UNIQUE INDEX \"ux_customers_full_name\" ON \"public\".\"customers\" USING btree (\"full_name\") WHERE (full_name <> '');"));
    }

    [Test]
    public void Making_a_column_not_null_with_a_default_fills_the_nulls_first()
    {
        var from = Db(Table("t", Id(), Text("status", nullable: true)));
        var to = Db(Table("t", Id(), Text("status", @default: "'new'")));

        var script = Script(from, to);

        var update = script.IndexOf("UPDATE \"public\".\"t\" SET \"status\" = 'new' WHERE \"status\" IS NULL;", StringComparison.Ordinal);
        Assert.That(update, Is.GreaterThan(0).And.LessThan(script.IndexOf("ALTER COLUMN \"status\" SET NOT NULL;", StringComparison.Ordinal)));
        Assert.That(script, Does.Contain("ALTER COLUMN \"status\" SET DEFAULT 'new';"));
    }

    [Test]
    public void Drops_of_constraints_come_before_the_drops_of_what_they_depend_on()
    {
        var orders = Table("orders", Id(), Column("customer_id", "uuid")) with { ForeignKeys = [References("orders", "customer_id", "customers")] };
        var from = Db(s_customers, orders);
        var to = Db(Table("orders", Id()));

        var script = Script(from, to, new DiffOptions { AllowDestructive = true });

        var dropKey = script.IndexOf("DROP CONSTRAINT \"fk_orders_customer_id\"", StringComparison.Ordinal);
        Assert.That(dropKey, Is.GreaterThan(0));
        Assert.That(dropKey, Is.LessThan(script.IndexOf("DROP TABLE \"public\".\"customers\"", StringComparison.Ordinal)));
        Assert.That(dropKey, Is.LessThan(script.IndexOf("DROP COLUMN \"customer_id\"", StringComparison.Ordinal)));
    }
}
