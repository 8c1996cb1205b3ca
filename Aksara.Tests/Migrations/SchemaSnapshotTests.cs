using Aksara.Migrations.Schema;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

public class SchemaSnapshotTests
{
    private static DatabaseSchema Sample() => Db(
        new TableSchema("sales", "orders", [Id(), Column("status", "text", @default: "'draft'"), Column("tags", "text[]", nullable: true)],
            new PrimaryKeySchema("pk_orders", ["id"]),
            indexes: [new IndexSchema("ix_orders_tags", ["tags"], IndexMethod.Gin), new IndexSchema("ix_orders_status", ["status"], Where: "status <> 'done'")],
            foreignKeys: [new ForeignKeySchema("fk_orders_customer_id", ["customer_id"], "public", "customers", ["id"], OnDelete.SetNull)],
            checks: [new CheckConstraintSchema("ck_orders_1", "status IN ('draft', 'done')")]),
        Table("customers", Id(), Text("name")));

    [Test]
    public void The_same_schema_always_serializes_to_the_same_text()
    {
        var first = new SchemaSnapshot(Sample(), "0003_x").ToJson();
        var again = new SchemaSnapshot(new DatabaseSchema(Sample().Tables.Reverse()), "0003_x").ToJson();

        Assert.That(again, Is.EqualTo(first));
    }

    [Test]
    public void It_reads_back_what_it_wrote()
    {
        var json = new SchemaSnapshot(Sample(), "0003_x").ToJson();

        var read = SchemaSnapshot.Parse(json, "aksara.snapshot.json");

        Assert.That(read.LatestMigration, Is.EqualTo("0003_x"));
        Assert.That(read.ToJson(), Is.EqualTo(json));
        Assert.That(read.Schema.FindTable(new QualifiedName("sales", "orders"))!.Indexes.Select(index => index.Name), Is.EqualTo(new[] { "ix_orders_status", "ix_orders_tags" }));
    }

    [Test]
    public void It_is_versioned_sorted_readable_and_has_one_line_per_column()
    {
        var json = new SchemaSnapshot(Sample(), "0003_x").ToJson();

        Assert.That(json, Does.StartWith("{\n  \"formatVersion\": 1,\n  \"latestMigration\": \"0003_x\","));
        Assert.That(json.IndexOf("\"customers\"", StringComparison.Ordinal), Is.LessThan(json.IndexOf("\"orders\"", StringComparison.Ordinal)), "public.customers sorts before sales.orders");
        Assert.That(json, Does.Contain("{\"name\":\"status\",\"type\":\"text\",\"nullable\":false,\"default\":\"'draft'\"}"));
        Assert.That(json, Does.Contain("\"where\":\"status <> 'done'\""));
        Assert.That(json, Does.Not.Match(@"\d{4}-\d{2}-\d{2}T"), "no timestamps");
    }

    [Test]
    public void A_snapshot_with_merge_conflict_markers_says_so()
    {
        var json = "{\n<<<<<<< HEAD\n  \"formatVersion\": 1\n=======\n>>>>>>> branch\n}";

        var error = Assert.Throws<AksaraConfigurationException>(() => SchemaSnapshot.Parse(json, "migrations/aksara.snapshot.json"))!;

        Assert.That(error.Message, Does.Contain("migrations/aksara.snapshot.json").And.Contain("merge-conflict"));
    }

    [Test]
    public void A_snapshot_from_a_newer_format_is_refused()
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => SchemaSnapshot.Parse("{\"formatVersion\": 99, \"tables\": []}", "s.json"))!;

        Assert.That(error.Message, Does.Contain("newer"));
    }
}
