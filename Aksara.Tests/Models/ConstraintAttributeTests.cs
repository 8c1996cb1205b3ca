using Aksara.Models;

namespace Aksara.Tests.Models;

/// <summary>Constraint names, composite unique constraints, ON UPDATE and the order of composite keys, as the model reads them.</summary>
public sealed class ConstraintAttributeTests
{
    [Table("languages")]
    public sealed class Language
    {
        [PrimaryKey(Name = "language_pkey")]
        public int LanguageId { get; set; }

        [Unique(Name = "language_name_key")]
        public string Name { get; set; } = "";
    }

    [Table("film_actors")]
    [Unique(nameof(FilmId), nameof(Role), Name = "film_actor_role_key")]
    [Unique(nameof(Role), nameof(ActorId))]
    public sealed class FilmActor
    {
        [PrimaryKey(Order = 1, Name = "film_actor_pkey")]
        public int ActorId { get; set; }

        [PrimaryKey(Order = 0)]
        public int FilmId { get; set; }

        public string Role { get; set; } = "";

        [ForeignKey(typeof(Language), Name = "film_actor_language_fkey", OnDelete = OnDelete.SetNull, OnUpdate = OnUpdate.Cascade)]
        public int? LanguageId { get; set; }
    }

    [Table("plain_pairs")]
    public sealed class PlainPair
    {
        [PrimaryKey]
        public int Left { get; set; }

        [PrimaryKey]
        public int Right { get; set; }

        [Unique(nameof(Left))]
        public string Label { get; set; } = "";
    }

    [Table("two_key_names")]
    public sealed class TwoKeyNames
    {
        [PrimaryKey(Name = "a_pkey")]
        public int A { get; set; }

        [PrimaryKey(Name = "b_pkey")]
        public int B { get; set; }
    }

    [Table("same_key_names")]
    public sealed class SameKeyNames
    {
        [PrimaryKey(Name = "ab_pkey")]
        public int A { get; set; }

        [PrimaryKey(Name = "ab_pkey")]
        public int B { get; set; }
    }

    [Table("partial_order")]
    public sealed class PartialOrder
    {
        [PrimaryKey(Order = 0)]
        public int A { get; set; }

        [PrimaryKey]
        public int B { get; set; }
    }

    [Table("same_order")]
    public sealed class SameOrder
    {
        [PrimaryKey(Order = 1)]
        public int A { get; set; }

        [PrimaryKey(Order = 1)]
        public int B { get; set; }
    }

    [Table("bad_unique")]
    [Unique(nameof(Value), "Nope")]
    public sealed class BadUnique
    {
        [PrimaryKey]
        public int Id { get; set; }

        public int Value { get; set; }
    }

    [Table("empty_unique")]
    [Unique]
    public sealed class EmptyUnique
    {
        [PrimaryKey]
        public int Id { get; set; }
    }

    [Table("twice_unique")]
    [Unique(nameof(Value), "value")]
    public sealed class TwiceUnique
    {
        [PrimaryKey]
        public int Id { get; set; }

        public int Value { get; set; }
    }

    [Table("long_names")]
    public sealed class LongConstraintName
    {
        [PrimaryKey]
        public int Id { get; set; }

        [Unique(Name = "a_unique_constraint_name_that_is_much_longer_than_the_sixty_three_bytes")]
        public int Value { get; set; }
    }

    [Table("duplicate_uniques")]
    [Unique(nameof(Value), Name = "value_key")]
    public sealed class DuplicateUniques
    {
        [PrimaryKey]
        public int Id { get; set; }

        [Unique(Name = "value_key")]
        public int Value { get; set; }
    }

    [Table("given_keys")]
    public sealed class GivenKey
    {
        [PrimaryKey, System.ComponentModel.DataAnnotations.Schema.DatabaseGenerated(System.ComponentModel.DataAnnotations.Schema.DatabaseGeneratedOption.None)]
        public int Id { get; set; }
    }

    [Test]
    public void A_lone_integer_key_the_application_fills_is_no_identity()
    {
        var key = ModelMetadata.For<GivenKey>().Column("Id")!;

        Assert.That((key.IsIdentity, key.IsDatabaseGenerated), Is.EqualTo((false, false)));
        Assert.That(ModelMetadata.For<Language>().Column("LanguageId")!.IsIdentity, Is.True, "without it, a lone integer key is an identity");
    }

    [Test]
    public void Given_names_replace_the_derived_ones()
    {
        var language = ModelMetadata.For<Language>();
        var film = ModelMetadata.For<FilmActor>();

        Assert.That(language.PrimaryKeyName, Is.EqualTo("language_pkey"));
        Assert.That(language.UniqueConstraints, Is.EqualTo(new[] { new UniqueMetadata("language_name_key", ["name"]) }).UsingPropertiesComparer());
        Assert.That(film.PrimaryKeyName, Is.EqualTo("film_actor_pkey"), "one key property names the constraint for all");
        Assert.That(film.Column(nameof(FilmActor.LanguageId))!.ForeignKey,
            Is.EqualTo(new ForeignKeyMetadata("film_actor_language_fkey", typeof(Language), OnDelete.SetNull, OnUpdate.Cascade)));
        Assert.That(ModelMetadata.For<SameKeyNames>().PrimaryKeyName, Is.EqualTo("ab_pkey"));
    }

    [Test]
    public void Unnamed_constraints_keep_the_derived_names()
    {
        var pair = ModelMetadata.For<PlainPair>();

        Assert.That(pair.PrimaryKeyName, Is.EqualTo("pk_plain_pairs"));
        Assert.That(pair.UniqueConstraints.Select(unique => $"{unique.Name} ({string.Join(", ", unique.Columns)})"),
            Is.EqualTo(new[] { "uq_plain_pairs_label_left (label, left)" }), "on a property: its column first, then the ones named");
    }

    [Test]
    public void Composite_unique_constraints_on_the_class_name_their_columns_in_order()
    {
        var film = ModelMetadata.For<FilmActor>();

        Assert.That(film.UniqueConstraints.Select(unique => $"{unique.Name} ({string.Join(", ", unique.Columns)})"), Is.EqualTo(new[]
        {
            "film_actor_role_key (film_id, role)",
            "uq_film_actors_role_actor_id (role, actor_id)",
        }));
    }

    [Test]
    public void Order_sorts_the_key_columns_and_declaration_order_is_the_default()
    {
        Assert.That(ModelMetadata.For<FilmActor>().PrimaryKey.Select(column => column.Name), Is.EqualTo(new[] { "film_id", "actor_id" }));
        Assert.That(ModelMetadata.For<PlainPair>().PrimaryKey.Select(column => column.Name), Is.EqualTo(new[] { "left", "right" }));
        Assert.That(new PrimaryKeyAttribute().Order, Is.EqualTo(-1), "unset");
    }

    [TestCase(typeof(TwoKeyNames), null, "\"a_pkey\", \"b_pkey\"", "set [PrimaryKey(Name = …)] on one key property")]
    [TestCase(typeof(PartialOrder), "B", "has no Order", "Give every key property an Order, or none")]
    [TestCase(typeof(SameOrder), null, "A and B", "Give each a different Order")]
    [TestCase(typeof(BadUnique), null, "\"Nope\"", "Use nameof(…) of a mapped property")]
    [TestCase(typeof(EmptyUnique), null, "[Unique] with no columns", "[Unique(nameof(A), nameof(B))]")]
    [TestCase(typeof(TwiceUnique), null, "names the column value twice", "Name each column once")]
    [TestCase(typeof(LongConstraintName), null, "unique constraint name", "longer than PostgreSQL's 63 bytes")]
    [TestCase(typeof(DuplicateUniques), null, "two unique constraints named \"value_key\"", "another Name")]
    public void Constraints_that_cannot_work_fail_at_build_time(Type model, string? property, string problem, string fix)
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => ModelMetadata.For(model));

        Assert.That(error!.Message, Does.Contain(model.Name).And.Contain(problem).And.Contain(fix));
        if (property is not null)
            Assert.That(error.Message, Does.Contain($"property {property}"));
    }
}
