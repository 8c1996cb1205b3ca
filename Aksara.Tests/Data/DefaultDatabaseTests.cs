using Microsoft.AspNetCore.TestHost;

namespace Aksara.Tests.Data;

/// <summary>
/// The process default behind <see cref="Database.GetInstance"/>: set by the host or by <see cref="Database.SetDefault"/>,
/// never by constructing a database. Non-parallelizable because the default is process-wide.
/// </summary>
[NonParallelizable]
public sealed class DefaultDatabaseTests : DatabaseTestBase
{
    private static readonly string[] Variables = ["DATABASE_URL", "AKSARA_DATABASE_URL"];
    private ClearedEnvironment _environment = null!;

    [SetUp]
    public async Task StartWithoutADefaultAsync()
    {
        _environment = new ClearedEnvironment(Variables);
        // Whatever an earlier test left as the default: replacing it and disposing the replacement unsets it.
        await using var placeholder = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 1);
        Database.SetDefault(placeholder);
    }

    [TearDown]
    public void Restore()
    {
        _environment.Dispose();
    }

    private static Database GetInstanceWithoutDefault() => Database.GetInstance();

    [Test]
    public async Task Constructing_a_database_never_makes_it_the_default()
    {
        await using var replica = new Database(DatabaseUrl + "?application_name=replica", poolMinSize: 0, poolMaxSize: 2);

        Assert.That(GetInstanceWithoutDefault, Throws.TypeOf<AksaraConfigurationException>());
        Assert.That(await replica.FetchValAsync<string>("SELECT current_setting('application_name')"), Is.EqualTo("replica"));
    }

    [Test]
    public async Task The_database_passed_to_SetDefault_is_the_default_and_a_second_database_never_replaces_it()
    {
        await using var primary = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 2);
        Database.SetDefault(primary);
        await using var replica = new Database(DatabaseUrl + "?application_name=replica", poolMinSize: 0, poolMaxSize: 2);

        var instance = Database.GetInstance();
        Assert.That(instance, Is.SameAs(primary));
        Assert.That(instance, Is.Not.SameAs(replica));
        Assert.That(Database.GetInstance(), Is.SameAs(instance));
        Assert.That(await replica.FetchValAsync<string>("SELECT current_setting('application_name')"), Is.EqualTo("replica"));
    }

    [Test]
    public void Without_a_default_GetInstance_says_how_to_set_one()
    {
        Assert.That(GetInstanceWithoutDefault, Throws.TypeOf<AksaraConfigurationException>()
            .With.Message.Contains("No default database is set")
            .And.Message.Contains("Database.SetDefault(db)")
            .And.Message.Contains("AddAksara"));
    }

    [Test]
    public void Without_a_default_GetInstance_never_builds_one_even_when_a_url_is_configured()
    {
        Environment.SetEnvironmentVariable("DATABASE_URL", DatabaseUrl);

        Assert.That(GetInstanceWithoutDefault, Throws.TypeOf<AksaraConfigurationException>().With.Message.Contains("No default database is set"));
    }

    [Test]
    public async Task SetDefault_twice_with_the_same_database_changes_nothing_and_a_later_database_replaces_the_earlier()
    {
        await using var first = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 1);
        await using var second = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 1);

        Database.SetDefault(first);
        Database.SetDefault(first);
        Assert.That(Database.GetInstance(), Is.SameAs(first));

        Database.SetDefault(second);
        Assert.That(Database.GetInstance(), Is.SameAs(second));

        // Disposing the earlier default leaves the current one alone.
        await first.DisposeAsync();
        Assert.That(Database.GetInstance(), Is.SameAs(second));
    }

    [Test]
    public async Task A_disposed_database_cannot_become_the_default_and_disposing_the_default_unsets_it()
    {
        var disposed = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 1);
        await disposed.DisposeAsync();
        Assert.That(() => Database.SetDefault(disposed), Throws.TypeOf<ObjectDisposedException>());
        Assert.That(() => Database.SetDefault(null!), Throws.ArgumentNullException);

        var current = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 1);
        Database.SetDefault(current);
        await current.DisposeAsync();
        Assert.That(GetInstanceWithoutDefault, Throws.TypeOf<AksaraConfigurationException>());
    }

    [Test]
    public async Task The_host_database_is_the_default_while_the_host_runs_and_a_database_constructed_before_it_is_not()
    {
        await using var constructedFirst = new Database(DatabaseUrl + "?application_name=first", poolMinSize: 0, poolMaxSize: 1);
        var builder = AksaraApp.CreateBuilder([], options =>
        {
            options.DatabaseUrl = DatabaseUrl;
            options.PoolMinSize = 1;
            options.PoolMaxSize = 2;
        });
        builder.WebHost.UseTestServer();
        builder.Services.AddAksaraDatabase("replica", DatabaseUrl);
        await using var app = builder.Build();

        await app.StartAsync();
        Assert.That(Database.GetInstance(), Is.SameAs(app.Database));
        Assert.That(Database.GetInstance(), Is.Not.SameAs(constructedFirst));
        await app.StopAsync();

        Assert.That(GetInstanceWithoutDefault, Throws.TypeOf<AksaraConfigurationException>());
    }
}
