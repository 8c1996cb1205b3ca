using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Aksara.Tests.Starter;

/// <summary>
/// Separate roles, as production runs them: the owner applies the starter's migrations with <c>aksara migrate --grant-to</c>,
/// then the starter app runs as a login role that has only what that granted — and serves its endpoints and <c>/health</c>.
/// </summary>
public sealed class StarterAsRuntimeRoleTests : DatabaseTestBase
{
    private readonly string _role = "starter_runtime_" + Guid.NewGuid().ToString("N")[..8];

    [SetUp]
    public async Task CreateRoleAsync()
    {
        // PostgreSQL 14 still lets every role create in public; 15+ does not. Revoked, so the role has only its grants.
        await using var command = DataSource.CreateCommand($"""CREATE ROLE "{_role}" LOGIN PASSWORD 'run''time; p@ss'; REVOKE CREATE ON SCHEMA public FROM PUBLIC;""");
        await command.ExecuteNonQueryAsync();
    }

    [TearDown]
    public async Task DropRoleAsync()
    {
        await using var command = DataSource.CreateCommand($"""DROP OWNED BY "{_role}"; DROP ROLE IF EXISTS "{_role}";""");
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task The_starter_runs_as_a_role_with_only_the_grants_migrate_gave_it()
    {
        var migrate = await CliRunner.RunAsync(StarterProject.Directory, new Dictionary<string, string> { ["DATABASE_URL"] = DatabaseUrl },
            "migrate", "--dir", Path.Combine(StarterProject.Directory, "migrations"), "--grant-to", _role);
        Assert.That(migrate.ExitCode, Is.Zero, migrate.Output + migrate.Error);

        var runtime = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = _role, Password = "run'time; p@ss" };
        await using var app = await StarterApp.StartAsync(runtime.ConnectionString, environment: "Production");

        using var health = await app.Client.GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);

        using var created = await app.Client.PostAsJsonAsync("/users", new { email = $"{_role}@example.com", name = "O'Brien'; DROP TABLE users; --", tags = new[] { "ops" } });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), app.Output);
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var post = await app.Client.PostAsJsonAsync("/posts", new { authorId = userId, title = "Roles", body = "apart", tags = new[] { "pg" } });
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created), app.Output);
        var postId = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var updated = await app.Client.PutAsJsonAsync($"/users/{userId}", new { email = $"{_role}@example.org", name = "Ada" });
        using var listed = await app.Client.GetAsync($"/users/{userId}/posts");
        using var deleted = await app.Client.DeleteAsync($"/posts/{postId}");
        Assert.Multiple(() =>
        {
            Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), app.Output);
        });

        // What it could do is only what migrate granted: rows, not the schema, and the journal read-only.
        await using var privileges = DataSource.CreateCommand($"""
            SELECT has_table_privilege('{_role}', 'users', 'INSERT') AND has_table_privilege('{_role}', 'posts', 'DELETE'),
                   has_schema_privilege('{_role}', 'public', 'CREATE') OR has_table_privilege('{_role}', 'users', 'TRUNCATE')
                   OR has_table_privilege('{_role}', 'aksara_migrations', 'INSERT') OR has_database_privilege('{_role}', current_database(), 'CREATE')
                   OR EXISTS (SELECT 1 FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = '{_role}'))
            """);
        await using var reader = await privileges.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(reader.GetBoolean(0), Is.True, "the rows of the app's tables");
            Assert.That(reader.GetBoolean(1), Is.False, "no DDL, no TRUNCATE, no journal writes, no ownership");
        });
    }
}
