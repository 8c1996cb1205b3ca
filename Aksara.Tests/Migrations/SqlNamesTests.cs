using Aksara.Migrations.Running;

namespace Aksara.Tests.Migrations;

/// <summary>Reading names and masking literals in the SQL that the runner inspects or shows.</summary>
public class SqlNamesTests
{
    [TestCase("ALTER ROLE app PASSWORD 'hunter2'", "ALTER ROLE app PASSWORD '…'")]
    [TestCase("UPDATE t SET name = 'O''Brien' WHERE id = 1", "UPDATE t SET name = '…' WHERE id = 1")]
    [TestCase("SELECT E'a\\'secret', $x$ body 'q' $x$, $$plain$$", "SELECT '…', '…', '…'")]
    [TestCase("SELECT 'unterminated secret", "SELECT '…'")]
    [TestCase("SELECT \"col'name\" FROM t WHERE a = 'x'", "SELECT \"col'name\" FROM t WHERE a = '…'")]
    public void Literals_are_masked_before_another_session_s_query_is_shown(string query, string shown) =>
        Assert.That(SqlNames.MaskLiterals(query), Is.EqualTo(shown));

    [TestCase("sales.\"Order \"\"Lines\"\"\"", "sales", "Order \"Lines\"")]
    [TestCase("Customers", null, "customers")]
    public void Qualified_names_split_and_unquote(string text, string? schema, string name) =>
        Assert.That(SqlNames.Split(text), Is.EqualTo((schema, name)));
}
