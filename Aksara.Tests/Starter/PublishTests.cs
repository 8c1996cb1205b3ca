using System.Net;

namespace Aksara.Tests.Starter;

/// <summary>
/// The starter app published as a deployment publishes it (<c>dotnet publish -c Release -o DIR</c>, once for the class):
/// the output carries <c>migrations/</c>, <c>aksara migrate</c> run in the publish folder applies it, and the published
/// app, started from another folder, serves requests and finds the scripts of its own base directory.
/// </summary>
[Category("Slow")]
public sealed class PublishTests : DatabaseTestBase
{
    string _work = null!;
    string _publish = null!;
    string _buildOutput = null!;
    string _elsewhere = null!;

    string PublishedAssembly => Path.Combine(_publish, StarterProject.ProjectName + ".dll");

    [OneTimeSetUp]
    public async Task PublishAsync()
    {
        _work = Directory.CreateTempSubdirectory("aksara-publish-").FullName;
        _publish = Path.Combine(_work, "publish");
        _elsewhere = Directory.CreateDirectory(Path.Combine(_work, "elsewhere")).FullName;
        // A private artifacts folder, like StarterProject's, so that nothing races the repository's own bin/ and obj/.
        var artifacts = Path.Combine(_work, "artifacts");
        _buildOutput = Path.Combine(artifacts, "bin", StarterProject.ProjectName, "release");
        await DotnetCli.RunCheckedAsync(StarterProject.RepositoryRoot, TimeSpan.FromMinutes(8), null,
            "publish", Path.Combine(StarterProject.Directory, StarterProject.ProjectName + ".csproj"),
            "-c", "Release", "-o", _publish, "--artifacts-path", artifacts, "-v:q", "-clp:NoSummary");
    }

    [OneTimeTearDown]
    public void DeleteWorkFolder()
    {
        if (_work is not null && Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
    }

    /// <summary>Each test starts from an empty database: no tables, no journal.</summary>
    [SetUp]
    public async Task EmptyDatabaseAsync()
    {
        await using var reset = DataSource.CreateCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        await reset.ExecuteNonQueryAsync();
    }

    [Test]
    public void Build_and_publish_output_carry_every_script_and_the_snapshot()
    {
        var source = Path.Combine(StarterProject.Directory, "migrations");
        var expected = Directory.GetFiles(source, "*.sql")
            .Append(Path.Combine(source, "aksara.snapshot.json"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(expected, Does.Contain("0001_initial.sql"));
            Assert.That(Listing(Path.Combine(_publish, "migrations")), Is.EqualTo(expected), "publish output");
            Assert.That(Listing(Path.Combine(_buildOutput, "migrations")), Is.EqualTo(expected), "build output");
            foreach (var file in expected)
            {
                Assert.That(File.ReadAllText(Path.Combine(_publish, "migrations", file!)), Is.EqualTo(File.ReadAllText(Path.Combine(source, file!))), file);
            }
        });

        static List<string?> Listing(string folder) => Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    [Test]
    public async Task Aksara_migrate_in_the_publish_folder_applies_its_scripts_and_the_app_started_elsewhere_serves_them()
    {
        var migrate = await CliRunner.RunAsync(_publish, new Dictionary<string, string> { ["DATABASE_URL"] = DatabaseUrl }, "migrate");

        Assert.That(migrate.ExitCode, Is.Zero, migrate.Output + migrate.Error);
        Assert.That(migrate.Output, Does.Contain("0001_initial"));
        Assert.That(await AppliedAsync(), Is.EqualTo(new[] { "0001_initial" }));

        // Production never migrates at start: the tables it queries are the ones `aksara migrate` created.
        await using var app = await StarterApp.StartAsync(PublishedAssembly, _elsewhere, DatabaseUrl, "Production");
        using var users = await app.Client.GetAsync("/users");
        Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{await users.Content.ReadAsStringAsync()}{Environment.NewLine}{app.Output}");
    }

    [Test]
    public async Task The_runner_in_the_app_started_from_another_folder_finds_the_migrations_of_its_base_directory()
    {
        Assert.That(Directory.Exists(Path.Combine(_elsewhere, "migrations")), Is.False);

        // Development migrates at start with MigrationRunner.For(app.Database).Build(): the default folder, "migrations".
        await using var app = await StarterApp.StartAsync(PublishedAssembly, _elsewhere, DatabaseUrl, "Development");
        using var users = await app.Client.GetAsync("/users");

        Assert.Multiple(async () =>
        {
            Assert.That(app.Output, Does.Contain("Applied migration 0001_initial"));
            Assert.That(await AppliedAsync(), Is.EqualTo(new[] { "0001_initial" }));
            Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
        });
    }

    async Task<List<string>> AppliedAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT name FROM aksara_migrations ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }
}
