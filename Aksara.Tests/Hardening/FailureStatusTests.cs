using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aksara.Tests.Hardening;

/// <summary>
/// What a client and an operator get when a request fails for its values or its time: 400 for a value Aksara refuses
/// (naming where, never echoing it), 422 for one PostgreSQL refuses for size or form, a timeout that says which timeout
/// and which setting, and a malformed body logged as a client error.
/// </summary>
public sealed class FailureStatusTests : DatabaseTestBase
{
    [Table("hardening_notes")]
    public sealed class Note
    {
        [PrimaryKey] public Guid NoteId { get; set; }
        public string Title { get; set; } = "";
        public string Tag { get; set; } = "";
    }

    public sealed record NoteInput(Guid NoteId, string Title, string Tag);

    [OneTimeSetUp]
    public async Task CreateTableAsync()
    {
        await using var command = DataSource.CreateCommand(
            "CREATE TABLE hardening_notes (note_id uuid PRIMARY KEY, title varchar(40) NOT NULL, tag text NOT NULL); CREATE INDEX ON hardening_notes (tag)");
        await command.ExecuteNonQueryAsync();
    }

    private async Task<(AksaraApplication App, HttpClient Client, CapturingLoggerProvider Logs)> StartAsync(Action<AksaraOptions>? configure = null)
    {
        var logs = new CapturingLoggerProvider();
        var builder = AksaraApp.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development }, options =>
        {
            options.DatabaseUrl = DatabaseUrl;
            options.PoolMinSize = 0;
            configure?.Invoke(options);
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        var app = builder.Build();
        app.MapPost("/notes", async (NoteInput input, Database db) =>
        {
            await db.InsertAsync(new Note { NoteId = input.NoteId, Title = input.Title, Tag = input.Tag });
            return Results.Created($"/notes/{input.NoteId}", input);
        });
        app.MapGet("/slow", async (Database db) => await db.FetchValAsync<int>("SELECT 1 FROM pg_sleep(3)"));
        app.MapGet("/server-timeout", async (Database db) =>
        {
            await using var session = await db.OpenSessionAsync();
            await session.ExecuteAsync("SET statement_timeout = '200ms'");
            return await session.FetchValAsync<int>("SELECT 1 FROM pg_sleep(3)");
        });
        await app.StartAsync();
        return (app, app.GetTestClient(), logs);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task A_NUL_in_a_JSON_string_is_a_400_naming_the_column_without_echoing_the_value()
    {
        var (app, client, _) = await StartAsync();
        await using var _app = app;

        using var response = await client.PostAsync("/notes", Json($$"""{"noteId":"{{Guid.NewGuid()}}","title":"secret\u0000value","tag":"x"}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("NUL"));
        Assert.That(problem.GetProperty("target").GetString(), Does.Contain("title"));
        Assert.That(body, Does.Not.Contain("secret"));
    }

    [Test]
    public async Task Values_too_long_for_a_column_or_an_index_row_are_422()
    {
        var (app, client, _) = await StartAsync();
        await using var _app = app;

        using var tooLong = await client.PostAsJsonAsync("/notes", new NoteInput(Guid.NewGuid(), new string('t', 41), "x"));
        // A btree index row holds at most about 2.7 kB: a longer random tag fails with 54000 program_limit_exceeded.
        var hugeTag = string.Concat(Enumerable.Range(0, 400).Select(_ => Guid.NewGuid().ToString("N")));
        using var tooBigForIndex = await client.PostAsJsonAsync("/notes", new NoteInput(Guid.NewGuid(), "fine", hugeTag));

        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(JsonDocument.Parse(await tooLong.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString(), Is.EqualTo("Unprocessable Entity"));
        Assert.That(tooBigForIndex.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await tooBigForIndex.Content.ReadAsStringAsync(), Does.Not.Contain(hugeTag[..40]));
    }

    [Test]
    public async Task A_command_timeout_and_a_statement_timeout_each_say_which_and_answer_503()
    {
        var (app, client, _) = await StartAsync(options => options.CommandTimeoutSeconds = 1);
        await using var _app = app;
        var db = (Database)app.Services.GetService(typeof(Database))!;

        var client_side = Assert.ThrowsAsync<StatementTimeoutException>(() => db.FetchValAsync<int>("SELECT 1 FROM pg_sleep(3)"));
        Assert.That(client_side!.Setting, Is.EqualTo("CommandTimeoutSeconds"));
        Assert.That(client_side.Message, Does.Contain("1 s").And.Contain("AKSARA_COMMAND_TIMEOUT").And.Not.Contain("connecting"));

        await using (var session = await db.OpenSessionAsync())
        {
            await session.ExecuteAsync("SET statement_timeout = '200ms'");
            var server_side = Assert.ThrowsAsync<StatementTimeoutException>(() => session.FetchValAsync<int>("SELECT 1 FROM pg_sleep(3)"));
            Assert.That(server_side!.Setting, Is.EqualTo("statement_timeout"));
            Assert.That(server_side.Message, Does.Contain("statement_timeout").And.Contain("57014"));
        }

        using var slow = await client.GetAsync("/slow");
        using var serverTimeout = await client.GetAsync("/server-timeout");
        Assert.That(slow.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(slow.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(serverTimeout.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task A_malformed_body_is_a_400_logged_as_a_client_error_without_a_stack_trace()
    {
        var (app, client, logs) = await StartAsync();
        await using var _app = app;

        using var response = await client.PostAsync("/notes", Json("""{"noteId": "not-a-uuid", "title": """));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(logs.Lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal)), Is.Empty);
        Assert.That(logs.Lines.Where(line => line.Contains("   at ", StringComparison.Ordinal)), Is.Empty, "no stack trace");
        Assert.That(logs.Lines, Has.Some.StartsWith("Information").And.Contains("400"));
    }
}
