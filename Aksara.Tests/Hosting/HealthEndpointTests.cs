using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Aksara.Tests.Hosting;

/// <summary>
/// <c>/health</c> against a PostgreSQL server of this class's own, which the tests stop and start again while one app
/// keeps running: the endpoint must follow the server both ways without a restart.
/// </summary>
[NonParallelizable]
public sealed class HealthEndpointTests
{
    private const string Database = "health_target";
    private const string PasswordRole = "health_pw_user";
    private const string Password = "right-password";

    private PasswordAuthCluster _cluster = null!;
    private KestrelApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _cluster = await PasswordAuthCluster.StartAsync();
        await _cluster.CreateDatabaseAsync(Database);
        await _cluster.CreatePasswordRoleAsync(PasswordRole, Password);
        _app = await KestrelApp.StartAsync(options =>
        {
            options.DatabaseUrl = _cluster.Server.GetDatabaseUrl(Database);
            options.PoolMinSize = 2;
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task Healthy_database_answers_200_with_latency()
    {
        using var response = await _app.Client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var json = JsonDocument.Parse(body);
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(json.RootElement.GetProperty("database").GetString(), Is.EqualTo("connected"));
            Assert.That(json.RootElement.GetProperty("latency_ms").GetDouble(), Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test, Order(2)]
    public async Task Head_answers_with_the_status_and_no_body_and_other_methods_are_refused()
    {
        using var head = await _app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health"));
        using var post = await _app.Client.PostAsync("/health", content: null);

        Assert.Multiple(async () =>
        {
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        });
    }

    [Test, Order(3)]
    public async Task Stopped_server_answers_503_unreachable_then_200_once_it_is_back()
    {
        await _cluster.Server.StopAsync();
        try
        {
            using var down = await _app.Client.GetAsync("/health");
            var body = await down.Content.ReadAsStringAsync();
            using var head = await _app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health"));

            Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
            using var json = JsonDocument.Parse(body);
            Assert.Multiple(() =>
            {
                Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
                Assert.That(json.RootElement.GetProperty("database").GetString(), Is.EqualTo("unreachable"));
                Assert.That(json.RootElement.TryGetProperty("latency_ms", out _), Is.False);
                Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            });
            AssertRevealsNothing(body);
        }
        finally
        {
            await _cluster.Server.StartAgainAsync();
        }

        using var up = await _app.Client.GetAsync("/health");
        Assert.That(up.StatusCode, Is.EqualTo(HttpStatusCode.OK), await up.Content.ReadAsStringAsync());
    }

    [Test, Order(4)]
    public async Task Restart_between_two_probes_is_not_reported_as_an_outage()
    {
        // The pool still holds connections to the server as it was before the restart; none of them may leak into the answer.
        using (var before = await _app.Client.GetAsync("/health"))
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await _cluster.Server.StopAsync();
        await _cluster.Server.StartAgainAsync();

        using var after = await _app.Client.GetAsync("/health");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), await after.Content.ReadAsStringAsync() + _app.Logs.AllText);
    }

    [Test]
    public async Task Wrong_password_answers_503_auth_failed()
    {
        var url = $"postgresql://{PasswordRole}:wrong-password@127.0.0.1:{_cluster.Server.Port}/{Database}";
        await using var app = await KestrelApp.StartAsync(options =>
        {
            options.DatabaseUrl = url;
            options.StartWithoutDatabase = true;
        });

        using var response = await app.Client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("database").GetString(), Is.EqualTo("auth_failed"));
        AssertRevealsNothing(body);
        Assert.That(body, Does.Not.Contain("wrong-password").And.Not.Contain(PasswordRole));
    }

    [Test]
    public async Task Server_that_never_answers_is_reported_as_timeout_within_the_check_budget()
    {
        // Accepts TCP connections (the kernel completes the handshake) and never says a word: a hung server.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var app = await KestrelApp.StartAsync(options =>
        {
            options.DatabaseUrl = $"postgresql://postgres@127.0.0.1:{port}/{Database}";
            options.StartWithoutDatabase = true;
            // Longer than the check's own 2 s budget, so that the budget is what ends the probe.
            options.ConnectionTimeoutSeconds = 4;
        });

        using var response = await app.Client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("database").GetString(), Is.EqualTo("timeout"));
    }

    /// <summary>No host, port, user, database, SQL or exception text in a health body.</summary>
    private void AssertRevealsNothing(string body) =>
        Assert.That(body, Does.Not.Contain("127.0.0.1")
            .And.Not.Contain(_cluster.Server.Port.ToString(CultureInfo.InvariantCulture))
            .And.Not.Contain("postgres")
            .And.Not.Contain(Database)
            .And.Not.Contain("SELECT")
            .And.Not.Contain("Exception")
            .And.Not.Contain("refused"));
}
