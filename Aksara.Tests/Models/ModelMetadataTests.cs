using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aksara.Models;

namespace Aksara.Tests.Models;

public sealed class ModelMetadataTests
{
    private sealed class BlogPost : Model
    {
        public string Title { get; set; } = "";
        public string? Body { get; set; }
    }

    private sealed class Category : Model;

    private sealed class Person : Model;

    private sealed class UserSettings : Model;

    [Table("audit_log", Schema = "ops")]
    [RenamedFrom("old_audit")]
    private sealed class AuditEntry
    {
        [PrimaryKey]
        public long Id { get; set; }

        [Column("what_happened", MaxLength = 200)]
        public string Message { get; set; } = "";

        [RenamedFrom("who")]
        public string? Actor { get; set; }
    }

    private enum Mood { Calm, Cheerful }

    private sealed class Address
    {
        public string Street { get; set; } = "";
    }

    private sealed class Everything : Model
    {
        public string Text { get; set; } = "";
        public string? OptionalText { get; set; }
        [Column(MaxLength = 80)] public string Short { get; set; } = "";
        public bool Flag { get; set; }
        public short Small { get; set; }
        public int Number { get; set; }
        public int? OptionalNumber { get; set; }
        public long Big { get; set; }
        public decimal Amount { get; set; }
        [Column(Precision = 12, Scale = 2)] public decimal Price { get; set; }
        public float Single { get; set; }
        public double Double { get; set; }
        public DateTimeOffset At { get; set; }
        public DateTime UtcAt { get; set; }
        public DateOnly Day { get; set; }
        public TimeOnly Time { get; set; }
        public TimeSpan Span { get; set; }
        public byte[] Bytes { get; set; } = [];
        public Guid Reference { get; set; }
        public Mood Mood { get; set; }
        public Mood? OptionalMood { get; set; }
        public string[] Tags { get; set; } = [];
        public List<int> Numbers { get; set; } = [];
        public List<Mood>? Moods { get; set; }
        [Jsonb] public Address Address { get; set; } = new();
        [Jsonb] public Address? OptionalAddress { get; set; }
        public Dictionary<string, int>? Scores { get; set; }
        public JsonDocument? Document { get; set; }
        public JsonElement Element { get; set; }
        public JsonNode? Node { get; set; }
        [Column(Type = "citext")] public string? CaseInsensitive { get; set; }
        public string Computed => Text.ToUpperInvariant();
        [Ignore] public Address Ignored { get; set; } = new();
    }

    [Index(nameof(Email), nameof(TenantId), Unique = true)]
    [Index(nameof(Name), Name = "people_by_name", Method = IndexMethod.Gin, Where = "name <> ''")]
    [Check("length(name) > 0")]
    [Check("email like '%@%'", Name = "email_has_at")]
    [Check("tenant_id > 0")]
    private sealed class Member : Model
    {
        public string Name { get; set; } = "";

        [Unique]
        public string Email { get; set; } = "";

        [Index]
        public int TenantId { get; set; }

        [ForeignKey(typeof(Category), OnDelete = OnDelete.Cascade)]
        public Guid? CategoryId { get; set; }
    }

    [Table]
    private sealed class Untitled
    {
        [PrimaryKey, Default("gen_random_uuid()")]
        public Guid Key { get; set; }
    }

    [Table("pairs")]
    private sealed class Pair
    {
        [PrimaryKey] public int Left { get; set; }
        [PrimaryKey] public int Right { get; set; }
    }

    [Table("defaults")]
    private sealed class Defaulted
    {
        [PrimaryKey] public int Id { get; set; }
        [Default("'draft'")] public string Status { get; set; } = "";
        [Default("true")] public bool Active { get; set; }
        [Default("now()")] public DateTime? SeenAt { get; set; }
    }

    private sealed class Unmappable : Model
    {
        public Address Home { get; set; } = new();
    }

    private sealed class NestedList : Model
    {
        public List<List<int>> Matrix { get; set; } = [];
    }

    private sealed class WrongFacet : Model
    {
        [Column(MaxLength = 10)]
        public int Count { get; set; }
    }

    [Table("keyless")]
    private sealed class Keyless
    {
        public int Value { get; set; }
    }

    private sealed class NotAModel
    {
        public int Id { get; set; }
    }

    private sealed class BadIndex : Model
    {
        [Index("Nope")]
        public int Value { get; set; }
    }

    private sealed class SameColumn : Model
    {
        [Column("value")] public int First { get; set; }
        [Column("value")] public int Second { get; set; }
    }

    private sealed class JsonbScalar : Model
    {
        [Jsonb] public int Count { get; set; }
    }

    private sealed class ReadOnlyColumn : Model
    {
        [Column("fixed")] public int Fixed => 1;
    }

    [TestCase(typeof(BlogPost), "blog_posts")]
    [TestCase(typeof(Category), "categories")]
    [TestCase(typeof(Person), "people")]
    [TestCase(typeof(UserSettings), "user_settings")]
    [TestCase(typeof(Untitled), "untitleds")]
    public void Table_names_are_snake_case_plurals_of_the_class_name(Type model, string table)
    {
        var metadata = ModelMetadata.For(model);

        Assert.That(metadata.TableName, Is.EqualTo(table));
        Assert.That(metadata.Schema, Is.Null, "no schema of its own: the application's default schema (Aksara:Schema)");
    }

    [Test]
    public void Table_attribute_names_the_table_schema_and_columns()
    {
        var metadata = ModelMetadata.For<AuditEntry>();

        Assert.That(metadata.TableName, Is.EqualTo("audit_log"));
        Assert.That(metadata.Schema, Is.EqualTo("ops"));
        Assert.That(metadata.RenamedFrom, Is.EqualTo("old_audit"));
        Assert.That(metadata.Columns.Select(column => column.Name), Is.EqualTo(new[] { "id", "what_happened", "actor" }));
        Assert.That(metadata.Column("Message")!.SqlType, Is.EqualTo("varchar(200)"));
        Assert.That(metadata.Column("what_happened"), Is.SameAs(metadata.Column("Message")));
        Assert.That(metadata.Column("Actor")!.RenamedFrom, Is.EqualTo("who"));
        Assert.That(metadata.Column("nothing"), Is.Null);
    }

    [Test]
    public void Model_columns_come_first_with_their_defaults()
    {
        var metadata = ModelMetadata.For<BlogPost>();

        Assert.That(metadata.Columns.Select(column => column.Name), Is.EqualTo(new[] { "id", "created_at", "updated_at", "title", "body" }));
        Assert.That(metadata.PrimaryKey.Select(column => column.Name), Is.EqualTo(new[] { "id" }));
        var id = metadata.Column("Id")!;
        Assert.That(id.SqlType, Is.EqualTo("uuid"));
        Assert.That(id.DefaultSql, Is.EqualTo("gen_random_uuid()"));
        Assert.That(id.IsDatabaseGenerated, Is.True);
        Assert.That(id.IsNullable, Is.False);
        Assert.That(metadata.Column("CreatedAt")!.DefaultSql, Is.EqualTo("now()"));
        Assert.That(metadata.Column("UpdatedAt")!.SqlType, Is.EqualTo("timestamptz"));
        Assert.That(metadata.Column("Title")!.IsDatabaseGenerated, Is.False);
    }

    [Test]
    public void Every_row_of_the_type_table_maps_to_its_PostgreSQL_type()
    {
        var expected = new Dictionary<string, (string SqlType, bool Nullable)>
        {
            ["text"] = ("text", false),
            ["optional_text"] = ("text", true),
            ["short"] = ("varchar(80)", false),
            ["flag"] = ("boolean", false),
            ["small"] = ("smallint", false),
            ["number"] = ("integer", false),
            ["optional_number"] = ("integer", true),
            ["big"] = ("bigint", false),
            ["amount"] = ("numeric", false),
            ["price"] = ("numeric(12,2)", false),
            ["single"] = ("real", false),
            ["double"] = ("double precision", false),
            ["at"] = ("timestamptz", false),
            ["utc_at"] = ("timestamptz", false),
            ["day"] = ("date", false),
            ["time"] = ("time", false),
            ["span"] = ("interval", false),
            ["bytes"] = ("bytea", false),
            ["reference"] = ("uuid", false),
            ["mood"] = ("text", false),
            ["optional_mood"] = ("text", true),
            ["tags"] = ("text[]", false),
            ["numbers"] = ("integer[]", false),
            ["moods"] = ("text[]", true),
            ["address"] = ("jsonb", false),
            ["optional_address"] = ("jsonb", true),
            ["scores"] = ("jsonb", true),
            ["document"] = ("jsonb", true),
            ["element"] = ("jsonb", false),
            ["node"] = ("jsonb", true),
            ["case_insensitive"] = ("citext", true),
        };

        var metadata = ModelMetadata.For<Everything>();
        var own = metadata.Columns.Skip(3).ToDictionary(column => column.Name, column => (column.SqlType, column.IsNullable));

        Assert.That(own, Is.EquivalentTo(expected));
        Assert.That(metadata.Column("Address")!.IsJsonb, Is.True);
        Assert.That(metadata.Column("Computed"), Is.Null, "read-only properties are not columns");
        Assert.That(metadata.Column("Ignored"), Is.Null);
        Assert.That(metadata.Column("Price")!.Precision, Is.EqualTo(12));
        Assert.That(metadata.Column("Price")!.Scale, Is.EqualTo(2));
        Assert.That(metadata.Column("CaseInsensitive")!.HasExplicitType, Is.True);
    }

    [Test]
    public void Constraints_indexes_and_checks_get_their_derived_names()
    {
        var metadata = ModelMetadata.For<Member>();

        Assert.That(metadata.TableName, Is.EqualTo("members"));
        Assert.That(metadata.Column("Email")!.IsUnique, Is.True);
        Assert.That(metadata.Column("CategoryId")!.ForeignKey, Is.EqualTo(new ForeignKeyMetadata("fk_members_category_id", typeof(Category), OnDelete.Cascade, OnUpdate.NoAction)));
        Assert.That(metadata.Column("CategoryId")!.IsNullable, Is.True);

        Assert.That(metadata.Indexes.Select(Describe), Is.EqualTo(new[]
        {
            "ix_members_tenant_id (tenant_id) BTree",
            "ux_members_email_tenant_id (email, tenant_id) BTree unique",
            "people_by_name (name) Gin where name <> ''",
        }));

        Assert.That(metadata.Checks, Is.EqualTo(new[]
        {
            new CheckMetadata("ck_members_1", "length(name) > 0"),
            new CheckMetadata("email_has_at", "email like '%@%'"),
            new CheckMetadata("ck_members_3", "tenant_id > 0"),
        }));
    }

    [Test]
    public void Database_generated_columns_are_those_with_a_default_and_a_no_value_state()
    {
        var defaulted = ModelMetadata.For<Defaulted>();

        Assert.That(defaulted.Column("Status")!.IsDatabaseGenerated, Is.True, "null string → default applies");
        Assert.That(defaulted.Column("Active")!.IsDatabaseGenerated, Is.False, "false is a real bool value, always sent");
        Assert.That(defaulted.Column("SeenAt")!.IsDatabaseGenerated, Is.True);
        Assert.That(defaulted.Column("Id")!.IsIdentity, Is.True, "a lone integer key is an identity");
        Assert.That(defaulted.Column("Id")!.IsDatabaseGenerated, Is.True);

        var pair = ModelMetadata.For<Pair>();
        Assert.That(pair.PrimaryKey.Select(column => column.Name), Is.EqualTo(new[] { "left", "right" }));
        Assert.That(pair.Columns.Any(column => column.IsIdentity), Is.False, "composite keys are not identities");
    }

    [Test]
    public void Metadata_is_built_once_and_shared()
    {
        var first = ModelMetadata.For(typeof(BlogPost));
        var second = ModelMetadata.For<BlogPost>();
        var third = ModelMetadata.For<BlogPost>();

        Assert.That(second, Is.SameAs(first));
        Assert.That(third, Is.SameAs(first));
    }

    [Test]
    public async Task Racing_first_uses_build_one_instance()
    {
        var built = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => ModelMetadata.For(typeof(Person)))));

        Assert.That(built.Distinct().Count(), Is.EqualTo(1));
    }

    [TestCase(typeof(BlogPost), true)]
    [TestCase(typeof(AuditEntry), true)]
    [TestCase(typeof(Model), false)]
    [TestCase(typeof(NotAModel), false)]
    [TestCase(typeof(string), false)]
    public void IsModelType_accepts_concrete_Model_subclasses_and_Table_classes(Type type, bool expected)
    {
        Assert.That(ModelMetadata.IsModelType(type), Is.EqualTo(expected));
    }

    [TestCase(typeof(Unmappable), "ModelMetadataTests.Unmappable", "Home", "[Jsonb]")]
    [TestCase(typeof(NestedList), "NestedList", "Matrix", "[Ignore]")]
    [TestCase(typeof(WrongFacet), "WrongFacet", "Count", "MaxLength applies to string properties")]
    [TestCase(typeof(Keyless), "Keyless", null, "[PrimaryKey]")]
    [TestCase(typeof(NotAModel), "NotAModel", null, "Derive it from Aksara.Model")]
    [TestCase(typeof(BadIndex), "BadIndex", "Value", "\"Nope\"")]
    [TestCase(typeof(SameColumn), "SameColumn", null, "First and Second")]
    [TestCase(typeof(ReadOnlyColumn), "ReadOnlyColumn", "Fixed", "Add a setter")]
    [TestCase(typeof(JsonbScalar), "JsonbScalar", "Count", "Remove [Jsonb]")]
    public void Unmappable_models_fail_at_build_time_naming_class_property_and_fix(Type model, string className, string? property, string fix)
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => ModelMetadata.For(model));

        Assert.That(error!.Message, Does.Contain(className));
        if (property is not null)
            Assert.That(error.Message, Does.Contain($"property {property}"));
        Assert.That(error.Message, Does.Contain(fix));
        // The same error every time, not a TypeInitializationException on the second use.
        Assert.That(Assert.Throws<AksaraConfigurationException>(() => ModelMetadata.For(model))!.Message, Is.EqualTo(error.Message));
    }

    [Test]
    public void Unmappable_message_suggests_both_fixes()
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => ModelMetadata.For<Unmappable>());

        Assert.That(error!.Message, Does.Contain("[Jsonb]").And.Contain("[Ignore]").And.Contain("Address"));
    }

    [Test]
    public void Short_constraint_names_are_kept()
    {
        Assert.That(ConstraintNames.PrimaryKey("posts"), Is.EqualTo("pk_posts"));
        Assert.That(ConstraintNames.Unique("posts", "slug"), Is.EqualTo("uq_posts_slug"));
        Assert.That(ConstraintNames.ForeignKey("posts", "author_id"), Is.EqualTo("fk_posts_author_id"));
        Assert.That(ConstraintNames.Index("posts", ["a", "b"], unique: false), Is.EqualTo("ix_posts_a_b"));
        Assert.That(ConstraintNames.Index("posts", ["a"], unique: true), Is.EqualTo("ux_posts_a"));
        Assert.That(ConstraintNames.Check("posts", 2), Is.EqualTo("ck_posts_2"));
    }

    [Test]
    public void Long_constraint_names_are_cut_to_63_bytes_with_a_hash_of_the_full_name()
    {
        var table = new string('t', 40);
        var first = ConstraintNames.Index(table, ["some_long_column", "another_long_column"], unique: false);
        var second = ConstraintNames.Index(table, ["some_long_column", "another_long_column_2"], unique: false);

        Assert.That(Encoding.UTF8.GetByteCount(first), Is.InRange(56, 63));
        Assert.That(first, Does.StartWith("ix_" + table).And.Match("_[0-9a-f]{8}$"));
        Assert.That(second, Is.Not.EqualTo(first), "names differing past the cut stay distinct");
        Assert.That(ConstraintNames.Index(table, ["some_long_column", "another_long_column"], unique: false), Is.EqualTo(first), "deterministic");

        var multiByte = ConstraintNames.Truncate("ck_" + new string('é', 40));
        Assert.That(Encoding.UTF8.GetByteCount(multiByte), Is.LessThanOrEqualTo(63), "never splits a UTF-8 character");
    }

    private static string Describe(IndexMetadata index) =>
        $"{index.Name} ({string.Join(", ", index.Columns)}) {index.Method}{(index.IsUnique ? " unique" : "")}{(index.Where is null ? "" : " where " + index.Where)}";
}
