using System.Net;
using System.Text.Json;

namespace Aksara.Tests.Starter;

/// <summary>
/// The starter's OpenAPI document at <c>/openapi/v1.json</c> and its Scalar page at <c>/scalar</c>, in Development: the
/// models' schemas say what the JSON really holds (uuid, date-time, the jsonb object, arrays), and each route declares
/// the problem responses it can answer, so that a generated client knows them. Outside Development neither is served.
/// </summary>
public sealed class StarterOpenApiTests : DatabaseTestBase
{
    const string ProblemDetails = "ProblemDetails";
    const string ValidationProblemDetails = "HttpValidationProblemDetails";

    StarterApp _app = null!;
    JsonDocument _document = null!;

    JsonElement Schemas => _document.RootElement.GetProperty("components").GetProperty("schemas");

    [OneTimeSetUp]
    public async Task StartAppAndReadTheDocumentAsync()
    {
        _app = await StarterApp.StartAsync(DatabaseUrl);
        using var response = await _app.Client.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body + _app.Output);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        _document = JsonDocument.Parse(body);
    }

    [OneTimeTearDown]
    public async Task StopAppAsync()
    {
        _document?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    [Test]
    public void The_document_is_OpenAPI_3_1_with_every_route_of_the_starter()
    {
        var paths = _document.RootElement.GetProperty("paths").EnumerateObject().Select(path => path.Name);

        Assert.Multiple(() =>
        {
            Assert.That(_document.RootElement.GetProperty("openapi").GetString(), Does.StartWith("3.1"));
            Assert.That(paths, Is.SupersetOf(new[] { "/users", "/users/{id}", "/users/{id}/posts", "/posts", "/posts/{id}" }));
        });
    }

    [TestCase("Post")]
    [TestCase("User")]
    public void A_models_key_is_a_uuid_and_its_timestamps_are_date_times(string model)
    {
        var properties = Schemas.GetProperty(model).GetProperty("properties");

        Assert.Multiple(() =>
        {
            Assert.That(Describe(properties.GetProperty("id")), Is.EqualTo("string/uuid"));
            Assert.That(Describe(properties.GetProperty("createdAt")), Is.EqualTo("string/date-time"));
            Assert.That(Describe(properties.GetProperty("updatedAt")), Is.EqualTo("string/date-time"));
            Assert.That(Describe(properties.GetProperty("tags")), Is.EqualTo("array"), "text[] is a JSON array");
            Assert.That(Describe(properties.GetProperty("tags").GetProperty("items")), Is.EqualTo("string"));
        });
    }

    [Test]
    public void A_posts_author_is_a_uuid_and_a_users_jsonb_profile_is_an_object_with_its_fields()
    {
        var post = Schemas.GetProperty("Post").GetProperty("properties");
        var profile = Resolve(Schemas.GetProperty("User").GetProperty("properties").GetProperty("profile"));

        Assert.Multiple(() =>
        {
            Assert.That(Describe(post.GetProperty("authorId")), Is.EqualTo("string/uuid"));
            Assert.That(Describe(post.GetProperty("published")), Is.EqualTo("boolean"));
            Assert.That(Describe(profile), Is.EqualTo("object"));
            Assert.That(profile.GetProperty("properties").EnumerateObject().Select(property => property.Name),
                Is.EquivalentTo(new[] { "bio", "website", "location" }));
            Assert.That(profile.GetProperty("properties").GetProperty("bio").GetProperty("maxLength").GetInt32(), Is.EqualTo(500),
                "the validation attributes of the jsonb type show too");
        });
    }

    [TestCase("UserRequest", new[] { "email", "name" })]
    [TestCase("PostRequest", new[] { "authorId", "title" })]
    public void A_request_body_requires_only_what_the_endpoint_cannot_do_without(string schema, string[] required)
    {
        var names = Schemas.GetProperty(schema).GetProperty("required").EnumerateArray().Select(name => name.GetString());

        Assert.That(names, Is.EquivalentTo(required));
    }

    // What each route answers besides its success, from the handlers: every one reads the database (503 while it is
    // out), a lookup by id that finds nothing is a 404, a validated query or body a 400, a unique email or a missing
    // author a 409, a value PostgreSQL refuses on a write a 422.
    [TestCase("/users", "get", "200", new[] { "400", "503" })]
    [TestCase("/users", "post", "201", new[] { "400", "409", "422", "503" })]
    [TestCase("/users/{id}", "get", "200", new[] { "404", "503" })]
    [TestCase("/users/{id}", "put", "200", new[] { "400", "404", "409", "422", "503" })]
    [TestCase("/users/{id}", "delete", "204", new[] { "404", "503" })]
    [TestCase("/users/{id}/posts", "get", "200", new[] { "404", "503" })]
    [TestCase("/posts", "get", "200", new[] { "400", "503" })]
    [TestCase("/posts", "post", "201", new[] { "400", "409", "422", "503" })]
    [TestCase("/posts/{id}", "get", "200", new[] { "404", "503" })]
    [TestCase("/posts/{id}", "put", "200", new[] { "400", "404", "409", "422", "503" })]
    [TestCase("/posts/{id}", "delete", "204", new[] { "404", "503" })]
    public void Each_route_declares_its_success_and_the_problem_responses_it_answers(string path, string method, string success, string[] problems)
    {
        var responses = _document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        var declared = responses.EnumerateObject().Select(response => response.Name).ToList();

        Assert.That(declared, Is.EquivalentTo(problems.Append(success)));
        Assert.Multiple(() =>
        {
            foreach (var status in problems)
            {
                var content = responses.GetProperty(status).GetProperty("content");
                Assert.That(content.EnumerateObject().Select(type => type.Name), Is.EqualTo(new[] { "application/problem+json" }), status);
                Assert.That(content.GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString(),
                    Is.EqualTo("#/components/schemas/" + (status == "400" ? ValidationProblemDetails : ProblemDetails)), status);
            }
        });
    }

    [Test]
    public void A_created_user_or_post_is_declared_with_its_schema()
    {
        string? Created(string path) => _document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("post")
            .GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString();

        Assert.Multiple(() =>
        {
            Assert.That(Created("/users"), Is.EqualTo("#/components/schemas/User"));
            Assert.That(Created("/posts"), Is.EqualTo("#/components/schemas/Post"));
        });
    }

    [Test]
    public async Task The_Scalar_page_is_served_with_its_script_and_reads_the_document()
    {
        using var page = await _app.Client.GetAsync("/scalar/");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await _app.Client.GetAsync("/scalar/scalar.js");

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("\"openapi/v1.json\""), "the page loads the document, relative to the app's base path");
            Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the script ships in the package: no CDN is needed");
            Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
        });
    }

    [Test]
    public async Task Production_serves_neither_the_document_nor_the_page()
    {
        await using var production = await StarterApp.StartAsync(DatabaseUrl, environment: "Production");

        using var document = await production.Client.GetAsync("/openapi/v1.json");
        using var page = await production.Client.GetAsync("/scalar/");
        using var health = await production.Client.GetAsync("/health");

        Assert.Multiple(() =>
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), production.Output);
            Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    /// <summary>The schema a <c>$ref</c> points to, or the schema itself.</summary>
    JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;

    /// <summary>
    /// <c>type/format</c> of a schema, <c>type</c> alone when it has no format; OpenAPI 3.1 writes a nullable type as
    /// <c>["null", "string"]</c>, which counts as its non-null type here.
    /// </summary>
    string Describe(JsonElement schema)
    {
        schema = Resolve(schema);
        var type = schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } types
            ? string.Join("|", types.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null"))
            : schema.GetProperty("type").GetString();
        return schema.TryGetProperty("format", out var format) ? $"{type}/{format.GetString()}" : type!;
    }
}
