using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aksara.Tests.Hosting;

/// <summary>The host: options, DI of the default and keyed databases, routing features, and the pool's lifecycle.</summary>
public sealed class AksaraHostTests : DatabaseTestBase
{
    [Test]
    public async Task Handlers_receive_the_default_and_keyed_databases_and_groups_and_filters_work()
    {
        var replicaUrl = DatabaseUrl;
        var builder = AksaraApp.CreateBuilder([], options =>
        {
            options.DatabaseUrl = DatabaseUrl;
            options.PoolMinSize = 1;
            options.PoolMaxSize = 7;
        });
        builder.WebHost.UseTestServer();
        builder.Services.AddAksaraDatabase("replica", replicaUrl, options => options.ApplicationName = "aksara-replica");
        await using var app = builder.Build();

        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers["X-Filtered"] = "yes";
            return await next(context);
        });
        api.MapGet("/default", async (Database db) => new
        {
            Database = await db.FetchValAsync<string>("SELECT current_database()"),
            db.Options.PoolMaxSize,
            Same = ReferenceEquals(db, app.Database),
        });
        api.MapGet("/replica", async ([FromKeyedServices("replica")] Database replica, Database primary) => new
        {
            Application = await replica.FetchValAsync<string>("SELECT current_setting('application_name')"),
            Distinct = !ReferenceEquals(replica, primary),
            replica.Options.PoolMaxSize,
        });
        await app.StartAsync();
        var client = app.GetTestClient();

        using var defaultResponse = await client.GetAsync("/api/default");
        var primary = await defaultResponse.Content.ReadFromJsonAsync<DefaultAnswer>();
        var replica = await client.GetFromJsonAsync<ReplicaAnswer>("/api/replica");

        Assert.Multiple(() =>
        {
            Assert.That(defaultResponse.Headers.GetValues("X-Filtered"), Is.EqualTo(new[] { "yes" }));
            Assert.That(primary, Is.EqualTo(new DefaultAnswer(DatabaseName, 7, true)));
            Assert.That(replica, Is.EqualTo(new ReplicaAnswer("aksara-replica", true, 7)));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task Code_options_win_over_configuration_and_configuration_is_bound()
    {
        var builder = AksaraApp.CreateBuilder([], options => options.PoolMaxSize = 9);
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aksara:DatabaseUrl"] = "postgresql://nobody@127.0.0.1:1/none",
            ["Aksara:PoolMinSize"] = "3",
            ["Aksara:PoolMaxSize"] = "4",
        });
        await using var app = builder.Build();

        var options = app.Database.Options;

        Assert.Multiple(() =>
        {
            Assert.That(options.PoolMinSize, Is.EqualTo(3));
            Assert.That(options.PoolMaxSize, Is.EqualTo(9));
            Assert.That(app.Database.MaskedUrl, Does.Contain("127.0.0.1:1/none"));
        });
    }

    [Test]
    public async Task Start_warms_the_pool_and_stop_closes_it()
    {
        var applicationName = "aksara-lifecycle-" + Guid.NewGuid().ToString("N")[..8];
        var builder = AksaraApp.CreateBuilder([], options =>
        {
            options.DatabaseUrl = DatabaseUrl;
            options.PoolMinSize = 3;
            options.ApplicationName = applicationName;
        });
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        await app.StartAsync();
        var whileRunning = await CountSessionsAsync(applicationName);
        await app.StopAsync();
        // A backend ends shortly after its client says goodbye, not at once.
        var afterStop = await CountSessionsAsync(applicationName);
        for (var attempt = 0; afterStop > 0 && attempt < 100; attempt++)
        {
            await Task.Delay(50);
            afterStop = await CountSessionsAsync(applicationName);
        }

        Assert.Multiple(() =>
        {
            Assert.That(whileRunning, Is.GreaterThanOrEqualTo(3));
            Assert.That(afterStop, Is.Zero);
            Assert.ThrowsAsync<ObjectDisposedException>(async () => await app.Database.OpenConnectionAsync());
        });
    }

    [Test]
    public async Task Unreachable_database_stops_the_start_with_the_hint_in_the_log()
    {
        var logs = new CollectingLoggerProvider();
        var builder = KestrelApp.CreateBuilder(options => options.DatabaseUrl = $"postgresql://app:s3cret-pw@127.0.0.1:{ClosedPort()}/app", logs);
        await using var app = builder.Build();

        var failure = Assert.ThrowsAsync<AksaraConnectionException>(() => app.StartAsync());

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Failure, Is.EqualTo(ConnectionFailure.Refused));
            Assert.That(logs.AllText, Does.Contain("connection refused").And.Contain("pg_isready").And.Contain("StartWithoutDatabase"));
            Assert.That(logs.AllText, Does.Not.Contain("s3cret-pw"));
        });
    }

    [Test]
    public void A_worker_without_http_gets_the_hint_without_health()
    {
        var logs = new CollectingLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddAksara(builder.Configuration, options => options.DatabaseUrl = $"postgresql://app@127.0.0.1:{ClosedPort()}/app");
        using var host = builder.Build();

        Assert.ThrowsAsync<AksaraConnectionException>(() => host.StartAsync());

        Assert.That(logs.AllText, Does.Contain("To start anyway, set Aksara:StartWithoutDatabase.").And.Not.Contain("/health"));
    }

    [Test]
    public async Task StartWithoutDatabase_starts_and_reports_the_outage_on_health()
    {
        var builder = AksaraApp.CreateBuilder([], options =>
        {
            options.DatabaseUrl = $"postgresql://app@127.0.0.1:{ClosedPort()}/app";
            options.StartWithoutDatabase = true;
        });
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.MapAksaraHealth();
        await app.StartAsync();

        using var response = await app.GetTestClient().GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"status":"unhealthy","database":"unreachable"}"""));
        await app.StopAsync();
    }

    [Test]
    public async Task AddAksara_fits_an_existing_ASP_NET_Core_app_and_composes_with_other_health_checks()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAksara(builder.Configuration, options => options.DatabaseUrl = DatabaseUrl);
        builder.Services.AddHealthChecks()
            .AddCheck("cache", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("never shown"))
            .AddAksaraDatabase("replica-db", serviceKey: "replica");
        builder.Services.AddAksaraDatabase("replica", DatabaseUrl);
        await using var app = builder.Build();
        app.UseAksaraProblemDetails();
        app.MapAksaraHealth("/healthz");
        app.MapGet("/missing", IResult () => throw new NotFoundException("No such thing."));
        await app.StartAsync();
        var client = app.GetTestClient();

        var health = await client.GetStringAsync("/healthz");
        using var missing = await client.GetAsync("/missing");

        Assert.Multiple(async () =>
        {
            Assert.That(health, Does.StartWith("""{"status":"healthy","database":"connected","latency_ms":"""));
            Assert.That(health, Does.Contain("\"checks\":{\"cache\":{\"status\":\"healthy\"},\"replica-db\":{\"status\":\"healthy\",\"database\":\"connected\",\"latency_ms\":"));
            Assert.That(health, Does.Not.Contain("never shown"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await missing.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, Is.EqualTo("No such thing."));
        });
        await app.StopAsync();
    }

    [Test]
    public async Task Malformed_request_body_stays_a_400_in_Development()
    {
        // Development makes minimal APIs throw BadHttpRequestException, which the problem handler must not turn into a 500.
        var builder = AksaraApp.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development },
            options => options.DatabaseUrl = DatabaseUrl);
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPost("/echo", (DefaultAnswer answer) => answer);
        await app.StartAsync();

        using var response = await app.GetTestClient().PostAsync("/echo", new StringContent("{\"database\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await app.StopAsync();
    }

    private async Task<long> CountSessionsAsync(string applicationName)
    {
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A port nothing listens on: below 1024, so no test cluster (they take ephemeral ports) can take it meanwhile.</summary>
    private static int ClosedPort() => 1;

    private sealed record DefaultAnswer(string Database, int PoolMaxSize, bool Same);

    private sealed record ReplicaAnswer(string Application, bool Distinct, int PoolMaxSize);
}
