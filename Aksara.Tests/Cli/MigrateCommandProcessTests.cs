using System.Text.Json;

namespace Aksara.Tests.Cli;

/// <summary>
/// <c>aksara migrate</c> run as a process in a project folder: <c>--json</c> answers with one JSON document whatever
/// happens, and without <c>DATABASE_URL</c> the project's running local development database is used, as the starter
/// app uses it, or the error says how to get one.
/// </summary>
[NonParallelizable]
public sealed class MigrateCommandProcessTests : DatabaseTestBase
{
    private string _project = null!;

    [SetUp]
    public void CreateProject()
    {
        _project = DbSetupRunner.NewProjectFolder("migrate");
        Directory.CreateDirectory(Path.Combine(_project, "migrations"));
        File.WriteAllText(Path.Combine(_project, "migrations", "0001_notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY);");
    }

    [TearDown]
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
    public async Task Json_prints_the_result_of_the_run()
    {
        var result = await CliRunner.RunAsync(_project, new Dictionary<string, string> { ["DATABASE_URL"] = DatabaseUrl }, "migrate", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.That(json.RootElement.GetProperty("successful").GetBoolean(), Is.True);
        Assert.That(json.RootElement.GetProperty("applied").EnumerateArray().Select(item => item.GetProperty("name").GetString()), Is.EqualTo(new[] { "0001_notes" }));
    }

    [Test]
    public async Task Json_prints_a_result_also_when_the_run_cannot_start_and_the_error_names_dbsetup_local()
    {
        var result = await CliRunner.RunAsync(_project, null, "migrate", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.That(json.RootElement.GetProperty("successful").GetBoolean(), Is.False);
        Assert.That(json.RootElement.GetProperty("applied").GetArrayLength(), Is.Zero);
        Assert.That(json.RootElement.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("configuration_error"));
        Assert.That(json.RootElement.GetProperty("error").GetProperty("message").GetString(), Does.Contain("DATABASE_URL is not set").And.Contain("aksara dbsetup --local"));
        Assert.That(result.Error, Does.Contain("aksara dbsetup --local"));
    }

    [Test]
    public async Task Without_DATABASE_URL_the_running_local_database_of_the_project_is_used_as_the_app_uses_it()
    {
        var database = DatabaseNames.FromFolderName(Path.GetFileName(_project));
        try
        {
            await LocalDevelopmentDatabase.EnsureStartedAsync(_project, database);
        }
        catch (AksaraException ex) when (ex.Message.Contains("binaries (initdb, pg_ctl) were not found", StringComparison.Ordinal))
        {
            Assert.Ignore("The local database needs the PostgreSQL server binaries, which this machine lacks.");
        }

        var migrate = await CliRunner.RunAsync(_project, null, "migrate");
        await LocalDevelopmentDatabase.StopAsync(_project);
        var whileStopped = await CliRunner.RunAsync(_project, null, "migrate");

        Assert.That(migrate.ExitCode, Is.Zero, migrate.Output + migrate.Error);
        Assert.That(migrate.Output, Does.Contain("0001_notes"));
        Assert.That(migrate.Error, Does.Contain("local development database").And.Contain($"/{database}"));
        Assert.That(whileStopped.ExitCode, Is.EqualTo(3), whileStopped.Error);
        Assert.That(whileStopped.Error, Does.Contain("is stopped").And.Contain("aksara db start"));
    }
}
