using Aksara.Migrations.Running;
using Aksara.Migrations.Scripts;

namespace Aksara.Tests.Migrations;

public class ScriptParsingTests
{
    [TestCase("-- aksara:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);", true)]
    [TestCase("-- 0003_index\n--\n--   aksara:no-transaction\n\nCREATE INDEX CONCURRENTLY i ON t (c);", true)]
    [TestCase("CREATE TABLE t (c int);\n-- aksara:no-transaction", false)]
    [TestCase("-- aksara:no-transactions please\nSELECT 1;", false)]
    public void Only_the_header_can_turn_the_transaction_off(string script, bool noTransaction) =>
        Assert.That(ScriptDirectives.IsNoTransaction(script), Is.EqualTo(noTransaction));

    [Test]
    public void The_checksum_ignores_line_endings_and_a_byte_order_mark_but_not_edits()
    {
        var original = ScriptChecksum.Compute("CREATE TABLE t (c int);\nSELECT 1;\n");

        Assert.That(ScriptChecksum.Compute("\uFEFFCREATE TABLE t (c int);\r\nSELECT 1;\r\n"), Is.EqualTo(original));
        Assert.That(ScriptChecksum.Compute("CREATE TABLE t (c bigint);\nSELECT 1;\n"), Is.Not.EqualTo(original));
        Assert.That(original, Has.Length.EqualTo(64));
    }

    [Test]
    public void An_error_position_in_a_statement_maps_to_the_line_of_the_script()
    {
        const string script = "-- header\nCREATE TABLE a (x int);\n\nCREATE TABLE b (\n  y nosuchtype\n);";
        var statements = ScriptStatement.Locate(script, ["-- header\nCREATE TABLE a (x int)", "CREATE TABLE b (\n  y nosuchtype\n)"]);

        // Positions count in the code sent to the server, which leaves out the comments before it.
        var position = statements[1].Code.IndexOf("nosuchtype", StringComparison.Ordinal) + 1;

        Assert.That(statements[1].LineIn(script, position), Is.EqualTo(5));
        Assert.That(statements[0].Code, Does.StartWith("CREATE TABLE a"));
        Assert.That(statements[0].LineIn(script, statements[0].Code.IndexOf("x int", StringComparison.Ordinal) + 1), Is.EqualTo(2));
        Assert.That(statements[0].LineIn(script, 0), Is.EqualTo(2), "without a position: the line where the statement's code starts, after the header");
    }

    [TestCase("0002_add_customers_phone.sql", 2, "0002_add_customers_phone")]
    [TestCase("12345_big.sql", 12345, "12345_big")]
    public void Script_files_are_numbered(string fileName, int number, string name)
    {
        var file = MigrationFile.TryCreate(Path.Combine("migrations", fileName))!;

        Assert.That(file.Number, Is.EqualTo(number));
        Assert.That(file.Name, Is.EqualTo(name));
    }

    [TestCase("README.sql")]
    [TestCase("002_short.sql")]
    [TestCase("0002_x.txt")]
    public void Other_files_are_not_scripts(string fileName) =>
        Assert.That(MigrationFile.TryCreate(fileName), Is.Null);

    [Test]
    public void Script_names_are_ordered_by_their_number_not_as_text()
    {
        string[] names = ["10000_late", "0002_b", "9999_almost", "00005_padded", "0004_d"];
        Assert.That(names.Order(Aksara.Migrations.Scripts.MigrationFile.NameOrder),
            Is.EqualTo(new[] { "0002_b", "0004_d", "00005_padded", "9999_almost", "10000_late" }));
    }
}
