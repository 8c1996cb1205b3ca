using System.Text.Json;

namespace Aksara.Tests.Cli;

/// <summary><c>aksara -C DIR …</c> runs as if started in DIR, on every command; a DIR that is not there is a usage error that names it.</summary>
public sealed class ProjectFolderOptionTests
{
    private string _elsewhere = null!;
    private string _project = null!;

    [SetUp]
    public void CreateFolders()
    {
        _elsewhere = Directory.CreateTempSubdirectory("aksara-elsewhere-").FullName;
        _project = Directory.CreateTempSubdirectory("aksara-project-").FullName;
        File.WriteAllText(Path.Combine(_project, ".env"), "DATABASE_URL=postgresql://shop@localhost/shop_dev\n");
        Directory.CreateDirectory(Path.Combine(_project, "migrations"));
        File.WriteAllText(Path.Combine(_project, "migrations", "0001_initial.sql"), "CREATE TABLE t (id int);");
    }

    [TearDown]
    public void DeleteFolders()
    {
        Directory.Delete(_elsewhere, recursive: true);
        Directory.Delete(_project, recursive: true);
    }

    [TestCase("-C")]
    [TestCase("--project")]
    public async Task The_project_folders_env_file_is_read_before_or_after_the_command(string option)
    {
        var before = await CliRunner.RunAsync(_elsewhere, null, option, _project, "config", "--json");
        var after = await CliRunner.RunAsync(_elsewhere, null, "config", "--json", option, _project);

        foreach (var result in new[] { before, after })
        {
            Assert.That(result.ExitCode, Is.Zero, result.Error);
            using var json = JsonDocument.Parse(result.Output);
            Assert.That(json.RootElement.GetProperty("database").GetString(), Is.EqualTo("shop_dev"));
        }
    }

    [Test]
    public async Task The_project_folders_migrations_are_the_ones_printed()
    {
        var result = await CliRunner.RunAsync(_elsewhere, null, "sqlmigrate", "0001", "-C", _project);

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Is.EqualTo("CREATE TABLE t (id int);"));
    }

    [TestCase("config")]
    [TestCase("migrate")]
    [TestCase("db status")]
    public async Task A_folder_that_does_not_exist_is_a_usage_error_naming_it(string command)
    {
        var missing = Path.Combine(_elsewhere, "no-such-project");

        var result = await CliRunner.RunAsync(_elsewhere, null, ["-C", missing, .. command.Split(' ')]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output + result.Error);
        Assert.That(result.Error, Does.Contain($"there is no folder {missing}").And.Contain("-C"));
        Assert.That(result.Output, Is.Empty);
    }
}
