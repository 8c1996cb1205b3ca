using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using Aksara.Tests.Starter;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

/// <summary>
/// The scripts docs/migrations.md shows are the scripts makemigrations writes for the models it describes, character
/// for character, and they apply: a change to the generator shows up here until the page says the same.
/// </summary>
public sealed class MigrationDocsExampleTests : MigrationTestBase
{
    private static readonly string s_page = File.ReadAllText(Path.Combine(StarterProject.RepositoryRoot, "docs", "migrations.md")).ReplaceLineEndings("\n");

    private static TableSchema Customers(params ColumnSchema[] more) =>
        Table("customers", [Column("id", "bigint"), Text("full_name"), .. more]);

    [Test]
    public async Task Reading_a_generated_script()
    {
        var before = Db(Customers());
        await MigrateToAsync(before);
        await MigrateToAsync(Db(Customers(Column("karma", "integer", @default: "0"), Text("email", nullable: true))));

        var migration = await MigrateToAsync(Db(Customers(Column("karma", "integer", @default: "0"), Text("email", nullable: true)) with
        {
            Columns = [Column("id", "bigint"), Text("display_name") with { RenamedFrom = "full_name" }, Column("karma", "integer", @default: "0"), Text("email", nullable: true), Text("phone", nullable: true)],
        }));

        AssertOnPage(migration.Scripts.Single().Up);
    }

    [Test]
    public async Task Migrating_a_live_database()
    {
        var orders = Table("orders", Column("id", "bigint"), Column("customer_id", "bigint"), Column("amount", "integer"), Text("code"), Text("note", nullable: true));
        await MigrateToAsync(Db(Customers(), orders));
        await ExecuteAsync("INSERT INTO customers VALUES (1, 'Ada'); INSERT INTO orders SELECT n, 1, n, 'o-' || n, 'n' FROM generate_series(1, 1000) n;");

        var migration = await MigrateToAsync(Db(Customers(), orders with
        {
            Columns = [.. orders.Columns.Where(column => column.Name != "note"), Text("note")],
            Indexes = [new IndexSchema("ix_orders_customer_id", ["customer_id"])],
            ForeignKeys = [References("orders", "customer_id", "customers")],
            Checks = [new CheckConstraintSchema("ck_orders_amount", "amount >= 0")],
            UniqueConstraints = [new UniqueConstraintSchema("uq_orders_code", ["code"])],
        }));

        Assert.That(migration.Scripts, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            foreach (var script in migration.Scripts)
                AssertOnPage(script.Up);
        });
    }

    [Test]
    public void A_rewrite_is_refused_with_the_safe_way()
    {
        var generator = new MigrationGenerator(Migrations);
        generator.Write(generator.Generate(Db(Customers(Column("karma", "integer"))), new DiffOptions()));

        var refused = Assert.Throws<MigrationRefusedException>(() => generator.Generate(Db(Customers(Column("karma", "bigint"))), new DiffOptions()));

        AssertOnPage(refused!.Message.ReplaceLineEndings("\n"));
        Assert.That(refused.Refusals.Select(refusal => refusal.Code).Distinct(), Is.EqualTo(new[] { "table_rewrite" }), "the code of makemigrations --json");
        var allowed = generator.Generate(Db(Customers(Column("karma", "bigint"))), new DiffOptions { AllowRewrite = true });
        Assert.That(allowed.Scripts.Single().Up, Does.Contain($"-- {ScriptDirectives.RewritesTable}\n")
            .And.Contain("--       lock: ACCESS EXCLUSIVE on customers for the rewrite; reads and writes wait until it ends"));
    }

    private static void AssertOnPage(string text) =>
        Assert.That(s_page, Does.Contain(text), "docs/migrations.md should show, verbatim:\n" + text);
}
