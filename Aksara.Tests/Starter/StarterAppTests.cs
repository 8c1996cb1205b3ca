using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Aksara.Tests.Starter;

/// <summary>
/// The starter app of <c>templates/aksara-webapi</c>, run as a child process in Development against this class's fresh
/// database: it must apply its own migrations at start, then serve its JSON endpoints and <c>/health</c>.
/// </summary>
public sealed class StarterAppTests : DatabaseTestBase
{
    StarterApp _app = null!;

    HttpClient Client => _app.Client;

    [OneTimeSetUp]
    public async Task StartAppAsync() => _app = await StarterApp.StartAsync(DatabaseUrl);

    [OneTimeTearDown]
    public async Task StopAppAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    [Test]
    public async Task Start_applies_the_migrations_in_Development()
    {
        await using var command = DataSource.CreateCommand("SELECT name FROM aksara_migrations ORDER BY name");
        var applied = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                applied.Add(reader.GetString(0));
        }
        var migrations = Directory.GetFiles(Path.Combine(StarterProject.Directory, "migrations"), "*.sql")
            .Where(path => !path.EndsWith(".down.sql", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .ToList();

        await using var gin = DataSource.CreateCommand(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'posts' AND indexdef LIKE '%USING gin (tags)%'");
        Assert.Multiple(async () =>
        {
            Assert.That(migrations, Is.Not.Empty);
            Assert.That(applied, Is.EqualTo(migrations), _app.Output);
            Assert.That(await gin.ExecuteScalarAsync(), Is.EqualTo(1L), "the GIN index on posts.tags");
        });
    }

    [Test]
    public async Task Health_answers_200_with_the_database_connected()
    {
        using var response = await Client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(json.RootElement.GetProperty("database").GetString(), Is.EqualTo("connected"));
        });
    }

    [Test]
    public async Task Users_can_be_created_read_updated_listed_and_deleted()
    {
        var email = UniqueEmail();
        using var created = await Client.PostAsJsonAsync("/users", new
        {
            email,
            name = "Ada",
            profile = new { bio = "Analyst", website = "https://example.com/ada" },
            tags = new[] { "math", "engines" },
        });
        var user = await ReadJsonAsync(created, HttpStatusCode.Created);
        var id = user.GetProperty("id").GetGuid();
        Assert.Multiple(() =>
        {
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/users/{id}"));
            Assert.That(user.GetProperty("email").GetString(), Is.EqualTo(email));
            Assert.That(user.GetProperty("profile").GetProperty("bio").GetString(), Is.EqualTo("Analyst"));
            Assert.That(Strings(user.GetProperty("tags")), Is.EqualTo(new[] { "math", "engines" }));
            Assert.That(user.GetProperty("createdAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
        });

        var read = await ReadJsonAsync(await Client.GetAsync($"/users/{id}"), HttpStatusCode.OK);
        Assert.That(read.GetProperty("profile").GetProperty("website").GetString(), Is.EqualTo("https://example.com/ada"));

        using var updated = await Client.PutAsJsonAsync($"/users/{id}", new
        {
            email,
            name = "Ada Lovelace",
            profile = new { bio = "Wrote the first program" },
            tags = new[] { "math" },
        });
        var afterUpdate = await ReadJsonAsync(updated, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(afterUpdate.GetProperty("name").GetString(), Is.EqualTo("Ada Lovelace"));
            Assert.That(afterUpdate.GetProperty("profile").GetProperty("bio").GetString(), Is.EqualTo("Wrote the first program"));
            Assert.That(Strings(afterUpdate.GetProperty("tags")), Is.EqualTo(new[] { "math" }));
            Assert.That(afterUpdate.GetProperty("updatedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(afterUpdate.GetProperty("createdAt").GetDateTimeOffset()));
        });
        await using (var stored = DataSource.CreateCommand("SELECT name, profile->>'bio', tags FROM users WHERE id = $1"))
        {
            stored.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var row = await stored.ExecuteReaderAsync();
            Assert.That(await row.ReadAsync(), Is.True);
            Assert.Multiple(() =>
            {
                Assert.That(row.GetString(0), Is.EqualTo("Ada Lovelace"));
                Assert.That(row.GetString(1), Is.EqualTo("Wrote the first program"), "profile is stored as jsonb");
                Assert.That(row.GetFieldValue<string[]>(2), Is.EqualTo(new[] { "math" }), "tags is stored as text[]");
            });
        }

        var list = await ReadJsonAsync(await Client.GetAsync("/users?limit=100"), HttpStatusCode.OK);
        Assert.That(list.EnumerateArray().Select(u => u.GetProperty("id").GetGuid()), Does.Contain(id));

        using var deleted = await Client.DeleteAsync($"/users/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var gone = await Client.GetAsync($"/users/{id}");
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Duplicate_email_is_a_409_problem_that_shows_no_sql()
    {
        var email = UniqueEmail();
        using var first = await Client.PostAsJsonAsync("/users", new { email, name = "First" });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());

        using var second = await Client.PostAsJsonAsync("/users", new { email, name = "Second" });
        var body = await second.Content.ReadAsStringAsync();

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body);
        using var problem = JsonDocument.Parse(body);
        Assert.Multiple(() =>
        {
            Assert.That(second.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(409));
            Assert.That(problem.RootElement.GetProperty("table").GetString(), Is.EqualTo("users"));
            Assert.That(body, Does.Not.Contain(email), "the offending value");
            Assert.That(body, Does.Not.Contain("INSERT").IgnoreCase, "SQL");
            Assert.That(body, Does.Not.Contain("duplicate key"), "PostgreSQL's message");
        });
    }

    [Test]
    public async Task Missing_user_is_a_404_problem()
    {
        var id = Guid.NewGuid();
        using var get = await Client.GetAsync($"/users/{id}");
        using var put = await Client.PutAsJsonAsync($"/users/{id}", new { email = UniqueEmail(), name = "Nobody" });
        using var delete = await Client.DeleteAsync($"/users/{id}");

        var problem = await ReadJsonAsync(get, HttpStatusCode.NotFound);
        Assert.Multiple(() =>
        {
            Assert.That(get.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(id.ToString()));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Invalid_input_is_a_400_problem_naming_the_fields()
    {
        using var invalid = await Client.PostAsJsonAsync("/users", new { email = "not-an-email", profile = new { website = "not a url" } });
        var problem = await ReadJsonAsync(invalid, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(error => error.Name.ToLowerInvariant()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(invalid.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(fields, Does.Contain("email"));
            Assert.That(fields, Does.Contain("name"));
            Assert.That(fields, Does.Contain("profile.website"));
        });

        using var malformed = await Client.PostAsync("/users", new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json"));
        using var badLimit = await Client.GetAsync("/users?limit=0");
        using var badPost = await Client.PostAsJsonAsync("/posts", new { title = "" });
        Assert.Multiple(async () =>
        {
            Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await malformed.Content.ReadAsStringAsync());
            Assert.That(malformed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(badLimit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await badLimit.Content.ReadAsStringAsync());
            Assert.That(badPost.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await badPost.Content.ReadAsStringAsync());
        });
    }

    [Test]
    public async Task A_post_with_a_client_chosen_id_can_be_retried_without_a_duplicate_or_a_takeover_and_long_tags_are_a_400()
    {
        using var author = await Client.PostAsJsonAsync("/users", new { email = UniqueEmail(), name = "Retrier" });
        var authorId = (await ReadJsonAsync(author, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var id = Guid.NewGuid();

        using var first = await Client.PostAsJsonAsync("/posts", new { id, authorId, title = "Sent twice", tags = new[] { "retry" } });
        using var retry = await Client.PostAsJsonAsync("/posts", new { id, authorId, title = "Sent twice", tags = new[] { "retry" } });
        using var stranger = await Client.PostAsJsonAsync("/users", new { email = UniqueEmail(), name = "Stranger" });
        var strangerId = (await ReadJsonAsync(stranger, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var takeover = await Client.PostAsJsonAsync("/posts", new { id, authorId = strangerId, title = "Mine now" });
        using var longTag = await Client.PostAsJsonAsync("/posts", new { authorId, title = "Long tag", tags = new[] { new string('t', 3000) } });

        Assert.That((await ReadJsonAsync(first, HttpStatusCode.Created)).GetProperty("id").GetGuid(), Is.EqualTo(id));
        Assert.That((await ReadJsonAsync(retry, HttpStatusCode.Created)).GetProperty("id").GetGuid(), Is.EqualTo(id));
        await using (var count = DataSource.CreateCommand("SELECT count(*) FROM posts WHERE author_id = $1"))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = authorId });
            Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(1L), "the retry answered with the post it had created");
        }
        Assert.That(takeover.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a chosen id never overwrites another author's post");
        await using (var title = DataSource.CreateCommand("SELECT title FROM posts WHERE id = $1"))
        {
            title.Parameters.Add(new NpgsqlParameter { Value = id });
            Assert.That(await title.ExecuteScalarAsync(), Is.EqualTo("Sent twice"));
        }
        Assert.That(longTag.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a tag too long for the GIN index is the client's error, not a 500");
        Assert.That(await longTag.Content.ReadAsStringAsync(), Does.Contain("at most 100 characters").And.Not.Contain(new string('t', 50)));
    }

    [Test]
    public async Task Posts_belong_to_a_user_are_found_by_tag_and_go_with_their_author()
    {
        using var author = await Client.PostAsJsonAsync("/users", new { email = UniqueEmail(), name = "Author" });
        var authorId = (await ReadJsonAsync(author, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var tag = "tag-" + Guid.NewGuid().ToString("N")[..8];

        using var tagged = await Client.PostAsJsonAsync("/posts", new { authorId, title = "Tagged", body = "…", tags = new[] { tag, "dotnet" } });
        var taggedId = (await ReadJsonAsync(tagged, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var other = await Client.PostAsJsonAsync("/posts", new { authorId, title = "Other", tags = new[] { "dotnet" } });
        var otherId = (await ReadJsonAsync(other, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var renamed = await Client.PutAsJsonAsync($"/posts/{otherId}", new { authorId, title = "Renamed", published = true });
        var afterUpdate = await ReadJsonAsync(renamed, HttpStatusCode.OK);
        var byTag = await ReadJsonAsync(await Client.GetAsync($"/posts?tag={tag}"), HttpStatusCode.OK);
        var byAuthor = await ReadJsonAsync(await Client.GetAsync($"/users/{authorId}/posts"), HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(afterUpdate.GetProperty("title").GetString(), Is.EqualTo("Renamed"));
            Assert.That(afterUpdate.GetProperty("published").GetBoolean(), Is.True);
            Assert.That(byTag.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()), Is.EqualTo(new[] { taggedId }));
            Assert.That(byAuthor.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()), Is.EquivalentTo(new[] { taggedId, otherId }));
        });

        using var orphan = await Client.PostAsJsonAsync("/posts", new { authorId = Guid.NewGuid(), title = "Orphan" });
        var conflict = await ReadJsonAsync(orphan, HttpStatusCode.Conflict);
        Assert.That(conflict.GetProperty("table").GetString(), Is.EqualTo("posts"));

        using var deletePost = await Client.DeleteAsync($"/posts/{taggedId}");
        Assert.That(deletePost.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var deleteAuthor = await Client.DeleteAsync($"/users/{authorId}");
        Assert.That(deleteAuthor.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var cascaded = await Client.GetAsync($"/posts/{otherId}");
        Assert.That(cascaded.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "posts are deleted with their author");
    }

    static string UniqueEmail() => $"user-{Guid.NewGuid():N}@example.com";

    static string?[] Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()).ToArray();

    async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{body}{Environment.NewLine}{_app.Output}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }
}
