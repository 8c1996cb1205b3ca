using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Aksara.Tests.Cli;

namespace Aksara.Tests.Starter;

/// <summary>
/// How the starter app starts when things are not as they should be: an unreachable database is one clear log line
/// and exit code 1, <c>Aksara:StartWithoutDatabase</c> starts anyway, a pool of two set by its maximum alone starts,
/// and the local development database it starts says where it is and how to stop it.
/// </summary>
[NonParallelizable]
public sealed partial class StarterStartupTests : DatabaseTestBase
{
    [TestCase("Development")]
    [TestCase("Production")]
    public async Task An_unreachable_database_logs_the_hint_once_and_exits_1(string environment)
    {
        var url = $"postgresql://app:s3cret-pw@127.0.0.1:{ClosedPort()}/app";

        var run = await DotnetCli.RunAsync(StarterProject.Directory, TimeSpan.FromMinutes(2), StarterApp.Environment(url, environment),
            await StarterProject.GetAssemblyAsync(), "--urls", "http://127.0.0.1:0");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(Hints().Matches(run.Output), Has.Count.EqualTo(1), run.Output);
        Assert.That(run.Output, Does.Contain("The application cannot start").And.Contain("StartWithoutDatabase"));
        Assert.That(run.Output, Does.Not.Contain("Unhandled exception").And.Not.Contain("Hosting failed to start").And.Not.Contain("s3cret-pw"));
    }

    [Test]
    public async Task StartWithoutDatabase_starts_in_Development_and_health_reports_the_outage()
    {
        var url = $"postgresql://app@127.0.0.1:{ClosedPort()}/app";
        await using var app = await StarterApp.StartAsync(url, "Development", new Dictionary<string, string> { ["Aksara__StartWithoutDatabase"] = "true" });

        using var health = await app.Client.GetAsync("/health");

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), app.Output);
        Assert.That(app.Output, Does.Contain("Pending migrations were not applied").And.Contain("Starting without the database"));
    }

    [Test]
    public async Task Only_AKSARA_POOL_MAX_SIZE_2_starts_with_the_minimum_following_it()
    {
        await using var app = await StarterApp.StartAsync(DatabaseUrl, "Development", new Dictionary<string, string> { ["AKSARA_POOL_MAX_SIZE"] = "2" });

        using var health = await app.Client.GetAsync("/health");

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
        Assert.That(app.Output, Does.Contain("PoolMinSize follows PoolMaxSize: 2"));
    }

    [Test]
    public async Task Without_a_DATABASE_URL_the_local_database_it_starts_is_logged_with_its_port_folder_and_how_to_stop_it()
    {
        var project = DbSetupRunner.NewProjectFolder("starter");
        try
        {
            StarterApp app;
            try
            {
                app = await StarterApp.StartAsync(await StarterProject.GetAssemblyAsync(), project, databaseUrl: null, "Development");
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("binaries (initdb, pg_ctl) were not found", StringComparison.Ordinal))
            {
                Assert.Ignore("The local database needs the PostgreSQL server binaries, which this machine lacks.");
                return;
            }
            await using (app)
            {
                var status = await LocalDevelopmentDatabase.GetStatusAsync(project);
                using var health = await app.Client.GetAsync("/health");

                Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
                Assert.That(status.State, Is.EqualTo(LocalDatabaseState.Running));
                Assert.That(app.Output, Does.Contain("Created and started the local development PostgreSQL")
                    .And.Contain($"127.0.0.1:{status.Port}").And.Contain(status.DataDirectory).And.Contain("aksara db stop"), app.Output);
            }
        }
        finally
        {
            await LocalDevelopmentDatabase.StopAsync(project);
            Directory.Delete(project, recursive: true);
        }
    }

    // A privileged port nothing here listens on: unlike a free ephemeral port, a test cluster started meanwhile cannot
    // take it, so the connection is refused every time.
    private static int ClosedPort() => 1;

    // The hint of a refused connection names the tool to check the server with.
    [GeneratedRegex("pg_isready")]
    private static partial Regex Hints();
}
