using System.Net;
using System.Text;

namespace Aksara.Tests.Starter;

/// <summary>
/// The starter app in Production, against an empty database: it must neither provision a local database nor migrate
/// (deployments run <c>aksara migrate</c> first), and still answer bad requests with problem responses.
/// </summary>
public sealed class StarterAppProductionTests : DatabaseTestBase
{
    [Test]
    public async Task Production_starts_without_migrating_and_answers_a_malformed_body_with_a_400_problem()
    {
        await using var app = await StarterApp.StartAsync(DatabaseUrl, environment: "Production");

        using var health = await app.Client.GetAsync("/health");
        using var malformed = await app.Client.PostAsync("/users", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));
        await using var tables = DataSource.CreateCommand("SELECT to_regclass('aksara_migrations') IS NULL AND to_regclass('users') IS NULL");

        Assert.Multiple(async () =>
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
            Assert.That(await tables.ExecuteScalarAsync(), Is.True, "no migration ran");
            Assert.That(app.Output, Does.Contain("Hosting environment: Production"));
            Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(malformed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }
}
