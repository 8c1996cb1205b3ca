using Aksara.Models;
using NpgsqlTypes;

namespace Aksara.Tests.Models;

/// <summary>What <c>[PgEnum]</c> makes of a property, and the enums that cannot be PostgreSQL enums.</summary>
public sealed class PgEnumMetadataTests
{
    [PgEnum("rating")]
    public enum Rating
    {
        [PgName("PG-13")] Pg13 = 13,
        G = 0,
        R = 17,
    }

    [PgEnum("Weird Type", Schema = "Odd")]
    public enum Weird
    {
        A,
    }

    [PgEnum("twice")]
    public enum Twice
    {
        [PgName("x")] A,
        [PgName("x")] B,
    }

    [PgEnum("nothing")]
    public enum Nothing;

    [Table("rated")]
    public sealed class Rated
    {
        [PrimaryKey]
        public int Id { get; set; }

        public Rating Rating { get; set; }

        public Weird? Weird { get; set; }
    }

    [Table("rated_many")]
    public sealed class RatedMany
    {
        [PrimaryKey]
        public int Id { get; set; }

        public Rating[] Ratings { get; set; } = [];
    }

    [Table("rated_twice")]
    public sealed class RatedTwice
    {
        [PrimaryKey]
        public int Id { get; set; }

        public Twice Value { get; set; }
    }

    [Table("rated_nothing")]
    public sealed class RatedNothing
    {
        [PrimaryKey]
        public int Id { get; set; }

        public Nothing Value { get; set; }
    }

    [Table("rated_long")]
    public sealed class RatedLong
    {
        [PrimaryKey]
        public int Id { get; set; }

        [Column(MaxLength = 10)]
        public Rating Rating { get; set; }
    }

    [Test]
    public void A_PgEnum_property_is_a_column_of_the_enum_type_with_labels_in_value_order()
    {
        var rated = ModelMetadata.For<Rated>();

        Assert.That(rated.Column("Rating")!.SqlType, Is.EqualTo("rating"));
        Assert.That(rated.Column("Rating")!.EnumType!.Labels, Is.EqualTo(new[] { "G", "PG-13", "R" }));
        Assert.That(rated.Column("Weird")!.SqlType, Is.EqualTo("\"Odd\".\"Weird Type\""), "quoted where PostgreSQL would quote it");
        Assert.That(rated.Column("Weird")!.IsNullable, Is.True);
    }

    [TestCase(typeof(RatedMany), "Ratings", "arrays of PostgreSQL enums are not supported")]
    [TestCase(typeof(RatedTwice), "Value", "share the label 'x'")]
    [TestCase(typeof(RatedNothing), "Value", "add a member")]
    [TestCase(typeof(RatedLong), "Rating", "MaxLength applies to enums stored as text")]
    public void Enums_that_cannot_be_PostgreSQL_enums_fail_at_build_time(Type model, string property, string problem)
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => ModelMetadata.For(model));

        Assert.That(error!.Message, Does.Contain(model.Name).And.Contain($"property {property}").And.Contain(problem));
    }
}
