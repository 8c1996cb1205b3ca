using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aksara.Tests.Hosting;

/// <summary>Aksara's exceptions become RFC 9457 problem responses that name the rule broken and nothing else.</summary>
public sealed class ProblemResponseTests : DatabaseTestBase
{
    private const string SecretEmail = "very-private@example.com";

    private AksaraApplication _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        await using (var command = DataSource.CreateCommand("""
            CREATE TABLE people (
                id int PRIMARY KEY,
                email text NOT NULL UNIQUE,
                age int CONSTRAINT people_age_not_negative CHECK (age >= 0));
            CREATE TABLE pets (id int PRIMARY KEY, owner_id int NOT NULL REFERENCES people (id));
            INSERT INTO people VALUES (1, 'very-private@example.com', 30);
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var builder = AksaraApp.CreateBuilder([], options => options.DatabaseUrl = DatabaseUrl);
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        // A database that is down from the start: requests that use it must get a bare 503.
        builder.Services.AddAksaraDatabase("down", "postgresql://app:hunter2@127.0.0.1:1/gone");
        builder.Services.Configure<AksaraOptions>(options => options.StartWithoutDatabase = true);
        _app = builder.Build();

        _app.MapPost("/people/duplicate", (Database db) => db.ExecuteAsync("INSERT INTO people VALUES (2, $1, 20)", SecretEmail));
        _app.MapPost("/pets/orphan", (Database db) => db.ExecuteAsync("INSERT INTO pets VALUES (1, $1)", 4242));
        _app.MapPost("/people/no-email", (Database db) => db.ExecuteAsync("INSERT INTO people VALUES (3, $1, 20)", new object?[] { null }));
        _app.MapPost("/people/negative-age", (Database db) => db.ExecuteAsync("INSERT INTO people VALUES (4, 'x@example.com', $1)", -12345));
        _app.MapGet("/people/{id:int}", IResult (int id) => throw new NotFoundException($"There is no person {id}."));
        _app.MapGet("/down", ([FromKeyedServices("down")] Database down) => down.FetchValAsync<int>("SELECT 1"));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task Unique_violation_is_409_naming_the_constraint()
    {
        var (status, problem, body) = await PostAsync("/people/duplicate");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(409));
            Assert.That(problem.GetProperty("constraint").GetString(), Is.EqualTo("people_email_key"));
            Assert.That(problem.GetProperty("table").GetString(), Is.EqualTo("people"));
            Assert.That(body, Does.Not.Contain(SecretEmail));
        });
        AssertNoSql(body);
    }

    [Test]
    public async Task Foreign_key_violation_is_409_naming_the_constraint()
    {
        var (status, problem, body) = await PostAsync("/pets/orphan");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem.GetProperty("constraint").GetString(), Is.EqualTo("pets_owner_id_fkey"));
            Assert.That(problem.GetProperty("table").GetString(), Is.EqualTo("pets"));
            Assert.That(body, Does.Not.Contain("4242"));
        });
        AssertNoSql(body);
    }

    [Test]
    public async Task Not_null_violation_is_422_naming_the_column()
    {
        var (status, problem, body) = await PostAsync("/people/no-email");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(problem.GetProperty("table").GetString(), Is.EqualTo("people"));
            Assert.That(problem.GetProperty("column").GetString(), Is.EqualTo("email"));
        });
        AssertNoSql(body);
    }

    [Test]
    public async Task Check_violation_is_422_naming_the_constraint()
    {
        var (status, problem, body) = await PostAsync("/people/negative-age");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(problem.GetProperty("constraint").GetString(), Is.EqualTo("people_age_not_negative"));
            Assert.That(body, Does.Not.Contain("12345"));
        });
        AssertNoSql(body);
    }

    [Test]
    public async Task NotFoundException_is_404_with_its_message_as_detail()
    {
        using var response = await _client.GetAsync("/people/7");
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(json.RootElement.GetProperty("detail").GetString(), Is.EqualTo("There is no person 7."));
        });
    }

    [Test]
    public async Task Connection_failure_is_a_bare_503()
    {
        using var response = await _client.GetAsync("/down");
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(json.RootElement.GetProperty("title").GetString(), Is.EqualTo("Service Unavailable"));
            Assert.That(json.RootElement.TryGetProperty("detail", out _), Is.False);
            Assert.That(body, Does.Not.Contain("127.0.0.1").And.Not.Contain("hunter2").And.Not.Contain("gone").And.Not.Contain("refused"));
        });
    }

    private async Task<(HttpStatusCode Status, JsonElement Problem, string Body)> PostAsync(string path)
    {
        using var response = await _client.PostAsync(path, content: null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), body);
    }

    /// <summary>Neither the statement nor PostgreSQL's message (which quotes values: "Key (email)=(...)", "Failing row contains").</summary>
    private static void AssertNoSql(string body) =>
        Assert.That(body, Does.Not.Contain("INSERT")
            .And.Not.Contain("violates")
            .And.Not.Contain("Key (")
            .And.Not.Contain("Failing row")
            .And.Not.Contain("Exception"));
}
