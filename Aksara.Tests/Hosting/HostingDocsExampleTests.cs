using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Aksara.Tests.Hosting;

/// <summary>The examples of docs/hosting.md, as written there, on a test database.</summary>
public sealed class HostingDocsExampleTests : DatabaseTestBase
{
    [OneTimeSetUp]
    public async Task CreateUsersAsync()
    {
        await using var command = DataSource.CreateCommand(
            "CREATE TABLE users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email text NOT NULL UNIQUE);" +
            "CREATE TABLE logins (user_id uuid NOT NULL REFERENCES users, at timestamptz NOT NULL DEFAULT now())");
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task New_app_example_serves_users_health_problems_and_the_replica()
    {
        string[] args = [];
        // From "A new app", with the test database and a test server.
        var builder = AksaraApp.CreateBuilder(args, options =>
        {
            options.PoolMinSize = 5;
            options.PoolMaxSize = 20;
            options.DatabaseUrl = DatabaseUrl;
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        // From "Injecting databases" and "/health".
        builder.Services.AddAksaraDatabase("replica", DatabaseUrl, options => options.PoolMaxSize = 40);
        builder.Services.AddHealthChecks()
            .AddCheck("disk", () => HealthCheckResult.Healthy())
            .AddAksaraDatabase("replica-db", serviceKey: "replica");
        await using var app = builder.Build();

        app.MapGet("/users/{id:guid}", async (Guid id, Database db) =>
            await db.FetchRowAsync<User>("SELECT id, email FROM users WHERE id = $1", id)
                ?? throw new NotFoundException($"There is no user {id}."));
        app.MapAksaraHealth("/health");
        app.MapPost("/users", async (NewUser user, Database db) =>
        {
            var id = await db.FetchValAsync<Guid>("INSERT INTO users (email) VALUES ($1) RETURNING id", user.Email);
            return Results.Created($"/users/{id}", new { id });
        });
        app.MapGet("/reports/users", async ([FromKeyedServices("replica")] Database replica) =>
            await replica.FetchValAsync<long>("SELECT count(*) FROM users"));
        app.MapGet("/users/{id:guid}/summary", async (Guid id, Database db) =>
        {
            await using var session = await db.OpenSessionAsync();
            var email = await session.FetchValAsync<string>("SELECT email FROM users WHERE id = $1", id);
            if (email is null)
                return Results.NotFound();
            var logins = await session.FetchValAsync<long>("SELECT count(*) FROM logins WHERE user_id = $1", id);
            return Results.Ok(new { email, logins });
        });
        await app.StartAsync();
        var client = app.GetTestClient();

        using var created = await client.PostAsJsonAsync("/users", new NewUser("ada@example.com"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var user = await client.GetFromJsonAsync<User>($"/users/{id}");
        using var missing = await client.GetAsync($"/users/{Guid.Empty}");
        using var duplicate = await client.PostAsJsonAsync("/users", new NewUser("ada@example.com"));
        var duplicateProblem = await duplicate.Content.ReadFromJsonAsync<JsonElement>();
        var count = await client.GetFromJsonAsync<long>("/reports/users");
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        await using (var logins = DataSource.CreateCommand("INSERT INTO logins (user_id) VALUES ($1), ($1)"))
        {
            logins.Parameters.AddWithValue(id);
            await logins.ExecuteNonQueryAsync();
        }
        var summary = await client.GetFromJsonAsync<JsonElement>($"/users/{id}/summary");
        using var missingSummary = await client.GetAsync($"/users/{Guid.Empty}/summary");

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(user, Is.EqualTo(new User(id, "ada@example.com")));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(duplicateProblem.GetProperty("type").GetString(), Is.EqualTo("https://tools.ietf.org/html/rfc9110#section-15.5.10"));
            Assert.That(duplicateProblem.GetProperty("constraint").GetString(), Is.EqualTo("users_email_key"));
            Assert.That(duplicateProblem.GetProperty("table").GetString(), Is.EqualTo("users"));
            Assert.That(count, Is.EqualTo(1));
            Assert.That(summary.GetProperty("email").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(summary.GetProperty("logins").GetInt64(), Is.EqualTo(2));
            Assert.That(missingSummary.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(health.GetProperty("checks").GetProperty("disk").GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(health.GetProperty("checks").GetProperty("replica-db").GetProperty("database").GetString(), Is.EqualTo("connected"));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task Existing_app_example_counts_users()
    {
        string[] args = [];
        // From "An existing ASP.NET Core app".
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAksara(builder.Configuration, options => options.PoolMaxSize = 10);
        builder.Services.Configure<AksaraOptions>(options => options.DatabaseUrl = DatabaseUrl);

        await using var app = builder.Build();
        app.UseAksaraProblemDetails();
        app.MapAksaraHealth("/health");
        app.MapGet("/count", (Database db) => db.FetchValAsync<long>("SELECT count(*) FROM users"));
        await app.StartAsync();
        var client = app.GetTestClient();

        Assert.Multiple(async () =>
        {
            Assert.That(await client.GetFromJsonAsync<long>("/count"), Is.GreaterThanOrEqualTo(0));
            Assert.That((await client.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task Configuring_the_data_source_example_asks_the_token_source_for_each_connection()
    {
        string[] args = [];
        var tokens = new TokenSource();
        // From "Configuring the data source, and sharing it", with the test database.
        var builder = AksaraApp.CreateBuilder(args, options => options
            .ConfigureDataSource(source => source.UsePeriodicPasswordProvider(
                async (_, cancellationToken) => await tokens.GetTokenAsync(cancellationToken),
                successRefreshInterval: TimeSpan.FromMinutes(10),
                failureRefreshInterval: TimeSpan.FromSeconds(10))));
        builder.Configuration["Aksara:DatabaseUrl"] = DatabaseUrl;
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        await app.StartAsync();

        Assert.That(await app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM users").ExecuteScalarAsync(), Is.GreaterThanOrEqualTo(0L));
        Assert.That(tokens.Requests, Is.GreaterThanOrEqualTo(1), "the periodic provider asked for a token before the first connection");
        await app.StopAsync();
    }

    /// <summary>Stands in for a cloud SDK's token client; the test server ignores the password.</summary>
    private sealed class TokenSource
    {
        private int _requests;

        public int Requests => _requests;

        public Task<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult("token");
        }
    }

    public sealed record User(Guid Id, string Email);

    public sealed record NewUser(string Email);
}
