using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aksara.Testing;

namespace Aksara.Tests.Starter;

/// <summary>
/// The starter app behind a real PgBouncer in transaction pooling mode (two server connections for the app's pool)
/// with <c>AKSARA_PGBOUNCER=transaction</c>: its CRUD works however often each statement repeats, and <c>/health</c>
/// answers; its migrations ran directly against PostgreSQL, as the docs say.
/// </summary>
public sealed class StarterThroughPgBouncerTests : DatabaseTestBase
{
    [Test]
    public async Task The_starter_serves_its_CRUD_through_PgBouncer_in_transaction_mode()
    {
        if (LocalPgBouncer.Binary is null)
            Assert.Ignore("PgBouncer is not installed (apt-get install pgbouncer); .ci/run installs it.");
        var migrate = await CliRunner.RunAsync(StarterProject.Directory, new Dictionary<string, string>(),
            "migrate", "--dir", Path.Combine(StarterProject.Directory, "migrations"), "--database-url", DatabaseUrl);
        Assert.That(migrate.ExitCode, Is.Zero, migrate.Output + migrate.Error);
        await using var bouncer = await LocalPgBouncer.StartAsync(Server, poolSize: 2);

        await using var app = await StarterApp.StartAsync(bouncer.Url(DatabaseName), environment: "Production",
            settings: new Dictionary<string, string> { ["AKSARA_PGBOUNCER"] = "transaction" });

        using var health = await app.Client.GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
        // More rounds than Npgsql's auto-prepare threshold: a prepared statement would be missing on the other server connection.
        for (var round = 0; round < 12; round++)
        {
            using var created = await app.Client.PostAsJsonAsync("/users", new { email = $"bouncer{round}@example.com", name = "O'Brien'; DROP TABLE users; --", tags = new[] { "ops" } });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), app.Output);
            var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            using var post = await app.Client.PostAsJsonAsync("/posts", new { authorId = userId, title = $"Round {round}", body = "through the bouncer", tags = new[] { "pg" } });
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created), app.Output);
            var postId = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            using var updated = await app.Client.PutAsJsonAsync($"/users/{userId}", new { email = $"bouncer{round}@example.org", name = "Ada" });
            using var listed = await app.Client.GetAsync($"/users/{userId}/posts");
            using var deleted = await app.Client.DeleteAsync($"/posts/{postId}");
            Assert.Multiple(() =>
            {
                Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
                Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
                Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), app.Output);
            });
        }
        Assert.That(app.Output, Does.Not.Contain("26000"));
    }
}
