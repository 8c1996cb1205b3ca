using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;

namespace Aksara.Tests.Migrations;

/// <summary>The same path as <c>makemigrations</c>, from model classes: attributes → schema → script → database → pg_catalog.</summary>
public class ModelSchemaIntegrationTests : MigrationTestBase
{
    [Table("mig_authors")]
    public class AuthorV1 : Model
    {
        public string FullName { get; set; } = "";

        [Column(MaxLength = 100)]
        public string? Email { get; set; }
    }

    [Table("mig_posts")]
    [Index(nameof(Title), nameof(AuthorId), Unique = true, Where = "title <> ''")]
    [Check("char_length(title) > 0")]
    public class PostV1 : Model
    {
        public string Title { get; set; } = "";

        [ForeignKey(typeof(AuthorV1), OnDelete = OnDelete.Cascade)]
        public Guid AuthorId { get; set; }

        [Jsonb, Index(Method = IndexMethod.Gin)]
        public Dictionary<string, string> Meta { get; set; } = [];

        public string[] Tags { get; set; } = [];
    }

    [Table("mig_authors")]
    public class AuthorV2 : Model
    {
        [RenamedFrom("full_name")]
        public string DisplayName { get; set; } = "";

        [Column(MaxLength = 200), Unique]
        public string? Email { get; set; }

        [Default("0")]
        public int Karma { get; set; }
    }

    [Table("mig_posts")]
    [Index(nameof(Title), nameof(AuthorId), Unique = true, Where = "title <> ''")]
    [Check("char_length(title) > 0")]
    public class PostV2 : Model
    {
        public string Title { get; set; } = "";

        [ForeignKey(typeof(AuthorV2), OnDelete = OnDelete.Cascade)]
        public Guid AuthorId { get; set; }

        [Jsonb, Index(Method = IndexMethod.Gin)]
        public Dictionary<string, string> Meta { get; set; } = [];

        public string[] Tags { get; set; } = [];
    }

    [Test]
    public async Task Models_become_a_schema_that_migrates_and_evolves_keeping_rows()
    {
        var initial = await MigrateToAsync(SchemaFromModels.Build([typeof(AuthorV1), typeof(PostV1)]));
        await ExecuteAsync("INSERT INTO mig_authors (full_name, email) VALUES ('Ada', 'ada@example.com');"
            + "INSERT INTO mig_posts (title, author_id, meta, tags) SELECT 'Hello', id, '{\"k\":\"v\"}', '{a,b}' FROM mig_authors;");

        var next = await MigrateToAsync(SchemaFromModels.Build([typeof(AuthorV2), typeof(PostV2)]));

        Assert.That(initial.Script, Does.Contain("CONSTRAINT \"fk_mig_posts_author_id\" FOREIGN KEY (\"author_id\") REFERENCES \"public\".\"mig_authors\" (\"id\") ON DELETE CASCADE"));
        Assert.That(next.Operations.Select(operation => operation.Describe()), Is.EquivalentTo(new[]
        {
            "Rename column mig_authors.full_name to display_name",
            "Add column mig_authors.karma (integer NOT NULL DEFAULT 0)",
            "Change type of mig_authors.email from varchar(100) to varchar(200)",
            "Add unique constraint uq_mig_authors_email on mig_authors (email)",
        }));
        Assert.That(await ScalarAsync<string>("SELECT display_name || ' ' || karma FROM mig_authors"), Is.EqualTo("Ada 0"));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM mig_posts WHERE meta @> '{\"k\":\"v\"}'"), Is.EqualTo(1));
        Assert.That(new Aksara.Migrations.Generation.MigrationGenerator(Migrations).FindUnmigratedChanges(SchemaFromModels.Build([typeof(AuthorV2), typeof(PostV2)])), Is.Empty);
    }

    [Test]
    public void Snapshot_types_are_the_normalized_ddl_types()
    {
        var posts = SchemaFromModels.Build([typeof(AuthorV1), typeof(PostV1)]).FindTable(new QualifiedName("public", "mig_posts"))!;

        Assert.That(posts.Columns.Select(column => $"{column.Name} {column.Type}"), Is.SupersetOf(new[] { "id uuid", "created_at timestamptz", "meta jsonb", "tags text[]" }));
        Assert.That(posts.Indexes.Single(index => index.Method == IndexMethod.Gin).Columns, Is.EqualTo(new[] { "meta" }));
        Assert.That(new SchemaDiffer().Diff(DatabaseSchema.Empty, new DatabaseSchema([posts])).OfType<CreateExtension>(), Is.Empty, "GIN on jsonb needs no extension");
    }
}
