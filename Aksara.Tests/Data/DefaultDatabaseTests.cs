namespace Aksara.Tests.Data;

[NonParallelizable]
public sealed class DefaultDatabaseTests : DatabaseTestBase
{
    [Test]
    public async Task The_first_database_is_the_default_and_a_second_never_replaces_it()
    {
        await using var first = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 2);
        await using var replica = new Database(DatabaseUrl + "?application_name=replica", poolMinSize: 0, poolMaxSize: 2);
        // Another test may have made a default already; whichever it is, the replica is not it.
        var instance = Database.GetInstance();
        Assert.That(instance, Is.Not.SameAs(replica));
        Assert.That(Database.GetInstance(), Is.SameAs(instance));
        Assert.That(await replica.FetchValAsync<string>("SELECT current_setting('application_name')"), Is.EqualTo("replica"));
    }
}
