using Microsoft.Extensions.Logging.Abstractions;

namespace Aksara.Tests.Cli;

/// <summary><c>aksara dbsetup --local</c> and <c>aksara db start | stop | status</c> on a project folder of the test's own.</summary>
[NonParallelizable]
public sealed class DbSetupLocalTests
{
    private string _project = null!;

    [OneTimeSetUp]
    public void CreateProject() => _project = DbSetupRunner.NewProjectFolder("local");

    [OneTimeTearDown]
    public async Task RemoveProjectAsync()
    {
        try
        {
            await LocalDevelopmentDatabase.StopAsync(_project);
        }
        finally
        {
            Directory.Delete(_project, recursive: true);
        }
    }

    [Test]
    public async Task Local_setup_then_stop_start_and_status_manage_one_cluster_on_one_port()
    {
        var envFile = Path.Combine(_project, ".env");
        await File.WriteAllTextAsync(envFile, "# local\nOTHER=1\n");

        var setup = await DbSetupRunner.DbSetupAsync(new ScriptedTerminal(interactive: false), "--local", "--database", "local_app", "--env-file", envFile);
        if (setup.ExitCode != 0 && setup.Error.Contains("binaries (initdb, pg_ctl) were not found", StringComparison.Ordinal))
            Assert.Ignore("The local database needs the PostgreSQL server binaries, which this machine lacks.");

        Assert.That(setup.ExitCode, Is.Zero, setup.ToString());
        var url = DbSetupRunner.ReadDatabaseUrl(envFile)!;
        var port = DatabaseUrl.Parse(url).Hosts.Single().Port;
        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllTextAsync(envFile), Is.EqualTo($"# local\nOTHER=1\nDATABASE_URL={url}\n"));
            Assert.That(url, Does.StartWith("postgresql://postgres@127.0.0.1:").And.EndWith("/local_app"));
            Assert.That(await DbSetupRunner.ConnectAsync(url), Is.EqualTo(("local_app", "postgres")));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_project, ".aksara", ".gitignore")), Does.Contain("*"));
            Assert.That(File.Exists(Path.Combine(_project, ".aksara", "postgres.json")), Is.True);
        });

        var running = await DbSetupRunner.DbAsync("status", "--directory", _project);
        var stop = await DbSetupRunner.DbAsync("stop", "--directory", _project);
        var stopped = await DbSetupRunner.DbAsync("status", "--directory", _project);
        var start = await DbSetupRunner.DbAsync("start", "--directory", _project);
        var startAgain = await DbSetupRunner.DbAsync("start", "--directory", _project);

        Assert.Multiple(async () =>
        {
            Assert.That(running.ExitCode, Is.Zero, running.ToString());
            Assert.That(running.Output, Does.Contain($"running on 127.0.0.1:{port}"));
            Assert.That(stop.Output, Does.Contain("Stopped"));
            Assert.That(stopped.ExitCode, Is.EqualTo(1), stopped.ToString());
            Assert.That(stopped.Output, Does.Contain("stopped"));
            Assert.That(start.ExitCode, Is.Zero, start.ToString());
            Assert.That(start.Output, Does.Contain($"Started: running on 127.0.0.1:{port}"));
            Assert.That(startAgain.Output, Does.Contain("Already running"));
            Assert.That(await DbSetupRunner.ConnectAsync(url), Is.EqualTo(("local_app", "postgres")), "the URL in .env works again after a restart");
        });

        // What the starter app calls in Development: the running cluster, a database of its own.
        var second = await LocalDevelopmentDatabase.EnsureStartedAsync(_project, "second_app", NullLogger.Instance);
        Assert.That(await DbSetupRunner.ConnectAsync(second), Is.EqualTo(("second_app", "postgres")));
    }

    [Test]
    public async Task Status_of_a_project_without_a_local_database_says_how_to_create_one()
    {
        var empty = DbSetupRunner.NewProjectFolder("empty");
        try
        {
            var status = await DbSetupRunner.DbAsync("status", "-C", empty);

            Assert.Multiple(() =>
            {
                Assert.That(status.ExitCode, Is.EqualTo(1));
                Assert.That(status.Output, Does.Contain("not created").And.Contain("aksara dbsetup --local"));
            });
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
