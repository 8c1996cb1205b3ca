namespace Aksara.Tests.Starter;

/// <summary>
/// <c>dotnet new aksara-webapi -n MyApp</c>, as a user outside this repository would run it: Aksara packed into a local
/// feed, the template installed into a private hive, and the new project built against the packages.
/// </summary>
[Category("Slow")]
public sealed class TemplateTests
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    string _work = null!;

    [SetUp]
    public void CreateWorkFolder() => _work = Directory.CreateTempSubdirectory("aksara-template-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task New_project_is_renamed_and_builds_against_the_packed_packages()
    {
        var feed = Path.Combine(_work, "feed");
        var artifacts = await StarterProject.BuildOnceAsync();
        foreach (var package in new[] { "Aksara.Core", "Aksara.Migrations", "Aksara.OpenTelemetry" })
        {
            await DotnetCli.RunCheckedAsync(_work, CommandTimeout, null,
                "pack", Path.Combine(StarterProject.RepositoryRoot, package, package + ".csproj"),
                "--no-build", "-c", "Debug", "--artifacts-path", artifacts, "-o", feed);
        }

        var hive = Path.Combine(_work, "hive");
        var app = Path.Combine(_work, "MyApp");
        await DotnetCli.RunCheckedAsync(_work, CommandTimeout, null, "new", "install", StarterProject.Directory, "--debug:custom-hive", hive);
        await DotnetCli.RunCheckedAsync(_work, CommandTimeout, null, "new", "aksara-webapi", "-n", "MyApp", "-o", app, "--debug:custom-hive", hive);

        var files = Directory.GetFiles(app, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(app, file)).ToList();
        var project = await File.ReadAllTextAsync(Path.Combine(app, "MyApp.csproj"));
        Assert.Multiple(async () =>
        {
            Assert.That(files, Does.Contain("MyApp.csproj").And.Contain("Program.cs").And.Contain(Path.Combine("Properties", "launchSettings.json")));
            Assert.That(files.Where(file => file.StartsWith("migrations", StringComparison.Ordinal)), Is.Not.Empty);
            Assert.That(files.Where(file => file.StartsWith("bin", StringComparison.Ordinal) || file.StartsWith("obj", StringComparison.Ordinal) || file.StartsWith(".aksara", StringComparison.Ordinal)), Is.Empty);
            Assert.That(project, Does.Contain("<PackageReference Include=\"Aksara.Core\" Version="));
            Assert.That(project, Does.Not.Contain("ProjectReference"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(app, "Program.cs")), Does.Contain("using MyApp.Endpoints;"));
            foreach (var file in files)
                Assert.That(await File.ReadAllTextAsync(Path.Combine(app, file)), Does.Not.Contain("AksaraWebApi"), file);
        });

        // Aksara.* only from the fresh feed; everything else from the packages this machine already restored, offline.
        var locals = await DotnetCli.RunCheckedAsync(_work, CommandTimeout, null, "nuget", "locals", "global-packages", "--list");
        var machinePackages = locals.Split('\n').Single(line => line.StartsWith("global-packages:", StringComparison.Ordinal))["global-packages:".Length..].Trim();
        await File.WriteAllTextAsync(Path.Combine(_work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="aksara" value="{feed}" />
                <add key="machine" value="{machinePackages}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="aksara"><package pattern="Aksara.*" /></packageSource>
                <packageSource key="machine"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        // A private packages folder, so that an Aksara 0.1.0 restored before (from another build) is never used.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work, "packages") };
        await DotnetCli.RunCheckedAsync(app, CommandTimeout, environment, "build", "-warnaserror", "-v:q", "-clp:NoSummary");

        // The Aksara.Migrations package's build targets copy migrations/ next to the app.
        var output = Path.Combine(app, "bin", "Debug", "net10.0", "migrations");
        Assert.That(Directory.Exists(output) ? Directory.GetFiles(output).Select(Path.GetFileName) : [],
            Does.Contain("0001_initial.sql").And.Contain("aksara.snapshot.json"));
    }
}
