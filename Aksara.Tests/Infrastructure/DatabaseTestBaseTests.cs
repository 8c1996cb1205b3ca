using System.Text;
using Npgsql;

namespace Aksara.Tests;

public class DatabaseTestBaseTests : DatabaseTestBase
{
    [Test]
    public async Task Each_class_gets_a_database_of_its_own()
    {
        await using var command = DataSource.CreateCommand("SELECT current_database()");
        var database = (string?)await command.ExecuteScalarAsync();

        Assert.That(database, Is.EqualTo(DatabaseName));
        Assert.That(DatabaseName, Does.Match("^databasetestbasetests_[0-9a-f]{8}$"));
    }

    [Test]
    public async Task Connection_string_and_url_point_at_that_database()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();

        Assert.That(connection.Database, Is.EqualTo(DatabaseName));
        Assert.That(DatabaseUrl, Does.StartWith("postgresql://").And.EndWith($":{Server.Port}/{DatabaseName}"));
    }

    [TestCase(typeof(DatabaseTestBaseTests), "databasetestbasetests")]
    [TestCase(typeof(List<int>), "list_1")]
    [TestCase(typeof(A_very_long_test_class_name_that_goes_on_and_on_and_on_and_on_for_ever), "a_very_long_test_class_name_that_goes_on_and_on_and_on")]
    public void Database_names_are_safe_identifiers(Type testClass, string stem)
    {
        var name = DatabaseTestBase.NewDatabaseName(testClass);

        Assert.That(name, Does.Match($"^{stem}_[0-9a-f]{{8}}$"));
        Assert.That(Encoding.UTF8.GetByteCount(name), Is.LessThanOrEqualTo(63));
    }

    // Only its name matters.
    sealed class A_very_long_test_class_name_that_goes_on_and_on_and_on_and_on_for_ever;
}
