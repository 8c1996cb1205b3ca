using Aksara.Migrations.Schema;

namespace Aksara.Tests.Migrations;

/// <summary>
/// <c>[Index(Expression = …)]</c>: an index on SQL expressions, created by makemigrations (concurrently on a table that
/// exists), read back from the catalog as the same index, so neither makemigrations nor the drift check sees a change.
/// </summary>
public sealed class ExpressionIndexTests : MigrationTestBase
{
    [Table("members")]
    public sealed class Member
    {
        [PrimaryKey] public int MemberId { get; set; }
        public string Email { get; set; } = "";
    }

    [Table("members")]
    [Index(Expression = "lower(email)", Name = "members_email_lower_idx", Unique = true)]
    [Index(Expression = "(email || '''s'), member_id", Name = "it's \"odd\"", Where = "email <> ''")]
    public sealed class IndexedMember
    {
        [PrimaryKey] public int MemberId { get; set; }
        public string Email { get; set; } = "";
    }

    [Index(Expression = "lower(email)")]
    [Table("nameless")]
    public sealed class Nameless
    {
        [PrimaryKey] public int Id { get; set; }
        public string Email { get; set; } = "";
    }

    [Test]
    public async Task An_expression_index_is_built_on_a_live_table_and_reads_back_as_itself()
    {
        await MigrateToAsync(SchemaFromModels.Build([typeof(Member)]));
        await ExecuteAsync("INSERT INTO members VALUES (1, 'Ada@Example.com')");
        var added = await MigrateToAsync(SchemaFromModels.Build([typeof(IndexedMember)]));

        Assert.That(added.Scripts.Single(script => script.Up.Contains("lower(email)")).Up,
            Does.Contain("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"members_email_lower_idx\" ON \"public\".\"members\" USING btree (lower(email));"));
        Assert.That((await CheckDriftAsync()).Lines, Is.Empty);
        Assert.That(new Aksara.Migrations.Generation.MigrationGenerator(Migrations).FindUnmigratedChanges(SchemaFromModels.Build([typeof(IndexedMember)])), Is.Empty);
        var live = (await ReadLiveSchemaAsync()).FindTable(new QualifiedName("public", "members"))!;
        Assert.That(live.Indexes.Select(index => index.Expression), Is.EquivalentTo(new[] { "lower(email)", "(email || '''s'::text), member_id" }));
        Assert.That(() => ExecuteAsync("INSERT INTO members VALUES (2, 'ada@example.COM')"), Throws.InstanceOf<Npgsql.PostgresException>(), "the unique index on lower(email) holds");
    }

    [Test]
    public void An_expression_index_needs_a_name_and_goes_on_the_class()
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => SchemaFromModels.Build([typeof(Nameless)]));
        Assert.That(error!.Message, Does.Contain("Nameless").And.Contain("Expression = \"lower(email)\", Name ="));
    }
}
