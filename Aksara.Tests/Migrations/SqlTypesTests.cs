using Aksara.Migrations.Schema;

namespace Aksara.Tests.Migrations;

public class SqlTypesTests
{
    [TestCase("character varying(200)", "varchar(200)")]
    [TestCase("timestamp with time zone", "timestamptz")]
    [TestCase("int4", "integer")]
    [TestCase("INT", "integer")]
    [TestCase("numeric(12, 2)", "numeric(12,2)")]
    [TestCase("character varying(20)[]", "varchar(20)[]")]
    [TestCase("double precision", "double precision")]
    [TestCase("bool", "boolean")]
    public void Spellings_of_one_type_normalize_to_one(string spelling, string canonical) =>
        Assert.That(SqlTypes.Normalize(spelling), Is.EqualTo(canonical));

    [TestCase("varchar(100)", "varchar(200)", false)]
    [TestCase("varchar(200)", "varchar(100)", true)]
    [TestCase("varchar(200)", "text", false)]
    [TestCase("text", "varchar(200)", true)]
    [TestCase("integer", "bigint", false)]
    [TestCase("bigint", "integer", true)]
    [TestCase("numeric(10,2)", "numeric(12,2)", false)]
    [TestCase("numeric(12,2)", "numeric(12,1)", true)]
    [TestCase("numeric(12,2)", "numeric", false)]
    [TestCase("integer", "numeric(12,2)", false)]
    [TestCase("real", "double precision", false)]
    [TestCase("text", "integer", true)]
    [TestCase("integer", "text", false)]
    [TestCase("text[]", "text", true)]
    public void Narrowing_conversions_are_the_ones_that_can_lose_values(string from, string to, bool narrowing) =>
        Assert.That(SqlTypes.IsNarrowing(from, to), Is.EqualTo(narrowing));

    [TestCase(IndexMethod.Gin, "jsonb", null)]
    [TestCase(IndexMethod.Gin, "text[]", null)]
    [TestCase(IndexMethod.Gin, "text", "btree_gin")]
    [TestCase(IndexMethod.Gist, "tstzrange", null)]
    [TestCase(IndexMethod.Gist, "uuid", "btree_gist")]
    [TestCase(IndexMethod.Brin, "timestamptz", null)]
    [TestCase(IndexMethod.Hash, "text", null)]
    public void Gin_and_gist_on_plain_scalars_need_an_extension(IndexMethod method, string type, string? extension) =>
        Assert.That(SqlTypes.ExtensionFor(method, type), Is.EqualTo(extension));
}
