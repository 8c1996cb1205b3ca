using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Npgsql;

namespace Aksara.Tests.Starter;

/// <summary>
/// docs/getting-started.md as a developer outside this repository follows it: the solution packed into a local feed,
/// the <c>aksara</c> tool and the template pack installed from it with a home folder and a packages folder of their
/// own, and new projects made with <c>dotnet new aksara-webapi</c> that build with warnings as errors against the
/// packed packages and serve <c>/health</c> on this class's database, and one with <c>dotnet new aksara-worker</c>
/// that processes jobs on a database of its own. Everything but Aksara comes from the packages this machine already
/// has, offline. One pack and one install for the class.
/// </summary>
[Category("Slow")]
public sealed class PackageFeedTests : DatabaseTestBase
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    string _work = null!;
    string _feed = null!;
    string _version = null!;
    string _tools = null!;
    Dictionary<string, string> _environment = null!;
    string _sample = null!;
    string _bare = null!;
    string _worker = null!;
    string _templates = null!;
    // The worker's own migrations table: on the class's database it would find the web API's 0001_initial applied.
    string? _workerDatabase;

    [OneTimeSetUp]
    public async Task PackAndInstallAsync()
    {
        _work = Directory.CreateTempSubdirectory("aksara-feed-").FullName;
        _feed = Path.Combine(_work, "feed");
        _tools = Path.Combine(_work, "tools");

        // Read before the private home hides them: where this machine keeps the packages it restored.
        var locals = await DotnetCli.RunCheckedAsync(_work, CommandTimeout, null, "nuget", "locals", "global-packages", "--list");
        var machinePackages = locals.Split('\n').Single(line => line.StartsWith("global-packages:", StringComparison.Ordinal))["global-packages:".Length..].Trim();

        // As the guide says, from the repository's root; a private artifacts folder, so that nothing races the
        // repository's own bin/ and obj/.
        await DotnetCli.RunCheckedAsync(StarterProject.RepositoryRoot, CommandTimeout, null,
            "pack", "-o", _feed, "--artifacts-path", Path.Combine(_work, "artifacts"), "-v:q", "-clp:NoSummary");
        _version = PackageVersion("Aksara.Cli");

        // The nuget.config of the work folder is the one every command below finds: Aksara.* only from the fresh feed.
        await File.WriteAllTextAsync(Path.Combine(_work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="aksara" value="{_feed}" />
                <add key="machine" value="{machinePackages}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="aksara"><package pattern="Aksara.*" /></packageSource>
                <packageSource key="machine"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        var home = Directory.CreateDirectory(Path.Combine(_work, "home")).FullName;
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
            // A private packages folder, so that an Aksara of the same version restored before is never used.
            ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
        };

        // The guide's --add-source is the feed of this nuget.config (NuGet refuses the option next to source mapping).
        await DotnetCli.RunCheckedAsync(_work, CommandTimeout, _environment,
            "tool", "install", "Aksara.Cli", "--tool-path", _tools, "--prerelease");
        await DotnetCli.RunCheckedAsync(_work, CommandTimeout, _environment,
            "new", "install", "Aksara.Templates");

        _sample = Path.Combine(_work, "Shop");
        _bare = Path.Combine(_work, "Bare");
        await DotnetCli.RunCheckedAsync(_work, CommandTimeout, _environment,
            "new", "aksara-webapi", "--name", "Shop", "--output", _sample, "--database-url", DatabaseUrl);
        await DotnetCli.RunCheckedAsync(_work, CommandTimeout, _environment,
            "new", "aksara-webapi", "--name", "Bare", "--output", _bare, "--no-sample", "--framework", "net10.0");

        _workerDatabase = DatabaseName + "_worker";
        await using (var create = DataSource.CreateCommand($"CREATE DATABASE \"{_workerDatabase}\""))
            await create.ExecuteNonQueryAsync();
        _worker = Path.Combine(_work, "Jobs");
        await DotnetCli.RunCheckedAsync(_work, CommandTimeout, _environment,
            "new", "aksara-worker", "--name", "Jobs", "--output", _worker, "--database-url", Server.GetDatabaseUrl(_workerDatabase), "--framework", "net10.0");
        _templates = await DotnetCli.RunCheckedAsync(_work, CommandTimeout, _environment, "new", "list", "aksara");

        foreach (var app in new[] { _sample, _bare, _worker })
            await DotnetCli.RunCheckedAsync(app, CommandTimeout, _environment, "build", "-warnaserror", "-v:q", "-clp:NoSummary");
    }

    [OneTimeTearDown]
    public async Task DeleteWorkFolderAsync()
    {
        if (_work is not null && Directory.Exists(_work))
            Directory.Delete(_work, recursive: true);
        if (_workerDatabase is not null)
        {
            await using var drop = DataSource.CreateCommand($"DROP DATABASE IF EXISTS \"{_workerDatabase}\" WITH (FORCE)");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Test]
    public void The_template_pack_installs_both_templates()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_templates, Does.Contain("aksara-webapi").And.Contain("aksara-worker"));
            Assert.That(Entries("Aksara.Templates", "nupkg"), Does.Contain("content/aksara-webapi/.template.config/template.json")
                .And.Contain("content/aksara-worker/.template.config/template.json")
                .And.Contain("content/aksara-worker/migrations/aksara.snapshot.json"));
        });
    }

    [Test]
    public async Task The_worker_migrates_processes_a_pending_job_and_exits_0_on_sigterm()
    {
        var project = await File.ReadAllTextAsync(Path.Combine(_worker, "Jobs.csproj"));
        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllLinesAsync(Path.Combine(_worker, ".env")), Does.Contain($"DATABASE_URL={Server.GetDatabaseUrl(_workerDatabase!)}"));
            Assert.That(project, Does.Contain($"<PackageReference Include=\"Aksara.Core\" Version=\"{_version}\" />")
                .And.Contain("<TargetFramework>net10.0</TargetFramework>").And.Not.Contain("ProjectReference"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_worker, "Program.cs")), Does.Contain("using Jobs;").And.Not.Contain("AksaraWorker"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_worker, "README.md")), Does.StartWith("# Jobs"));
        });

        // No DATABASE_URL in its environment: the one of .env.
        var start = DotnetCli.StartInfo(_worker, [Path.Combine(_worker, "bin", "Debug", "net10.0", "Jobs.dll")],
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Development" });
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.AppendLine(line);
            if (line.Contains("Waiting for jobs", StringComparison.Ordinal))
                waiting.TrySetResult();
        }
        string Output()
        {
            lock (output)
                return output.ToString();
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        try
        {
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var first = await Task.WhenAny(waiting.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.That(first, Is.SameAs(waiting.Task), $"The worker did not start:{Environment.NewLine}{Output()}");

            await using var database = NpgsqlDataSource.Create(Server.GetConnectionString(_workerDatabase!));
            await using var insert = database.CreateCommand("INSERT INTO jobs (name, payload) VALUES ('send-welcome', '{\"email\": \"ada@example.com\"}') RETURNING id");
            var id = (Guid)(await insert.ExecuteScalarAsync())!;
            object? finishedAt = null;
            for (var attempt = 0; attempt < 300 && finishedAt is null or DBNull; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                await using var select = database.CreateCommand("SELECT finished_at FROM jobs WHERE id = $1");
                select.Parameters.Add(new NpgsqlParameter { Value = id });
                finishedAt = await select.ExecuteScalarAsync();
            }

            Assert.That(UnixSignal.Terminate(process.Id), Is.True, "SIGTERM to the worker");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Multiple(() =>
            {
                Assert.That(finishedAt, Is.InstanceOf<DateTime>(), Output());
                Assert.That(Output(), Does.Contain("Applied migration 0001_initial").And.Contain($"Finished job {id} (send-welcome)"));
                Assert.That(process.ExitCode, Is.Zero, Output());
            });
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    [Test]
    public void Every_package_has_the_one_development_version_a_readme_and_its_documentation()
    {
        var prefix = XDocument.Load(Path.Combine(StarterProject.RepositoryRoot, "Directory.Build.props"))
            .Descendants("VersionPrefix").Single().Value;
        var packages = new[] { "Aksara.Core", "Aksara.Migrations", "Aksara.OpenTelemetry", "Aksara.Cli", "Aksara.Templates" };

        Assert.That(_version, Does.Match($"^{Regex.Escape(prefix)}-dev\\.[0-9]{{14}}$"));
        Assert.Multiple(() =>
        {
            foreach (var package in packages)
            {
                Assert.That(PackageVersion(package), Is.EqualTo(_version), package);
                var entries = Entries(package, "nupkg");
                Assert.That(entries, Does.Contain("README.md"), package);
                var nuspec = Nuspec(package);
                foreach (var element in new[] { "description", "tags", "projectUrl", "license", "readme" })
                    Assert.That(nuspec.Descendants().Where(e => e.Name.LocalName == element).Select(e => e.Value), Has.One.Not.Empty, $"{package}: {element}");
                Assert.That(nuspec.Descendants().Single(e => e.Name.LocalName == "repository").Attribute("commit")?.Value, Does.Match("^[0-9a-f]{40}$"), package);
            }
            foreach (var library in new[] { "Aksara.Core", "Aksara.Migrations", "Aksara.OpenTelemetry" })
            {
                Assert.That(Entries(library, "nupkg"), Does.Contain($"lib/net10.0/{library}.xml"), library);
                Assert.That(Entries(library, "snupkg"), Does.Contain($"lib/net10.0/{library}.pdb"), library);
            }
            Assert.That(Entries("Aksara.Cli", "snupkg"), Does.Contain("tools/net10.0/any/aksara.pdb"));
            // The Migrations package's dependency on Core is the version packed with it.
            Assert.That(Nuspec("Aksara.Migrations").Descendants().Where(e => e.Name.LocalName == "dependency" && e.Attribute("id")?.Value == "Aksara.Core")
                .Select(e => e.Attribute("version")?.Value), Is.EqualTo(new[] { _version }));
        });
    }

    [Test]
    public async Task The_installed_tool_reports_the_package_version_and_its_commands()
    {
        var version = await RunToolAsync("--version");
        var help = await RunToolAsync("--help");

        Assert.Multiple(() =>
        {
            Assert.That(version.ExitCode, Is.Zero, version.Output);
            // The build appends "+<commit>".
            Assert.That(version.Output.Trim(), Does.Match($"^{Regex.Escape(_version)}\\+[0-9a-f]{{40}}$"));
            Assert.That(help.ExitCode, Is.Zero, help.Output);
            Assert.That(help.Output, Does.Contain("migrate").And.Contain("makemigrations").And.Contain("dbsetup"));
        });
    }

    [Test]
    public async Task The_sample_project_references_the_packed_version_and_keeps_its_database_url_in_env()
    {
        var files = Files(_sample);
        var project = await File.ReadAllTextAsync(Path.Combine(_sample, "Shop.csproj"));

        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllLinesAsync(Path.Combine(_sample, ".env")), Does.Contain($"DATABASE_URL={DatabaseUrl}"));
            Assert.That(files, Does.Contain(Path.Combine("Models", "Post.cs")).And.Contain(Path.Combine("Endpoints", "UserEndpoints.cs"))
                .And.Contain(Path.Combine("migrations", "0001_initial.sql")).And.Contain(Path.Combine("Properties", "launchSettings.json")));
            Assert.That(files.Where(file => file.StartsWith(".aksara", StringComparison.Ordinal) || file.StartsWith(".template.config", StringComparison.Ordinal)), Is.Empty);
            Assert.That(project, Does.Contain($"<PackageReference Include=\"Aksara.Core\" Version=\"{_version}\" />")
                .And.Contain($"<PackageReference Include=\"Aksara.Migrations\" Version=\"{_version}\" />")
                .And.Contain("<TargetFramework>net10.0</TargetFramework>")
                .And.Not.Contain("ProjectReference"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_sample, "Program.cs")), Does.Contain("using Shop.Endpoints;").And.Contain("app.MapPosts();").And.Not.Contain("#if"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_sample, "README.md")), Does.StartWith("# Shop").And.Contain("curl -X POST").And.Not.Contain("#if"));
            foreach (var file in files.Where(file => !file.StartsWith("bin", StringComparison.Ordinal) && !file.StartsWith("obj", StringComparison.Ordinal)))
                Assert.That(await File.ReadAllTextAsync(Path.Combine(_sample, file)), Does.Not.Contain("AksaraWebApi").And.Not.Contain("template-database-url"), file);
        });
        // The Aksara.Migrations package's build targets copy migrations/ next to the app.
        Assert.That(Files(Path.Combine(_sample, "bin", "Debug", "net10.0", "migrations")), Does.Contain("0001_initial.sql").And.Contain("aksara.snapshot.json"));
    }

    [Test]
    public async Task The_sample_app_reads_its_env_migrates_and_serves_health_users_and_its_openapi_document()
    {
        // No DATABASE_URL in its environment: the one of .env, this class's database.
        await using var app = await StarterApp.StartAsync(Path.Combine(_sample, "bin", "Debug", "net10.0", "Shop.dll"), _sample, null, "Development");
        using var health = await app.Client.GetAsync("/health");
        using var users = await app.Client.GetAsync("/users");
        using var openApi = await app.Client.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await openApi.Content.ReadAsStringAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
            Assert.That(await health.Content.ReadAsStringAsync(), Does.Contain("\"database\":\"connected\""));
            Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
            Assert.That(app.Output, Does.Contain("Applied migration 0001_initial"));
            Assert.That(openApi.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
            Assert.That(document.RootElement.GetProperty("info").GetProperty("title").GetString(), Does.StartWith("Shop"));
            Assert.That(document.RootElement.GetProperty("paths").TryGetProperty("/users/{id}", out _), Is.True, "the sample's routes are described");
        });
    }

    [Test]
    public async Task No_sample_leaves_out_the_models_endpoints_and_migration_and_still_serves_health()
    {
        var files = Files(_bare);
        var program = await File.ReadAllTextAsync(Path.Combine(_bare, "Program.cs"));
        var readme = await File.ReadAllTextAsync(Path.Combine(_bare, "README.md"));

        Assert.Multiple(() =>
        {
            Assert.That(files, Does.Contain("Bare.csproj").And.Contain("Program.cs").And.Contain(".env.example"));
            Assert.That(files, Does.Not.Contain(Path.Combine("Models", "Post.cs")).And.Not.Contain(Path.Combine("Models", "User.cs")));
            Assert.That(files.Where(file => file.StartsWith("Endpoints", StringComparison.Ordinal) || file.StartsWith("migrations", StringComparison.Ordinal)), Is.Empty);
            // Without --database-url there is no .env: Development starts a local database instead.
            Assert.That(files, Does.Not.Contain(".env"));
            Assert.That(program, Does.Not.Contain("MapUsers").And.Not.Contain("Endpoints").And.Not.Contain("#if"));
            Assert.That(readme, Does.Not.Contain("curl -X POST").And.Not.Contain("#if").And.Contain("--no-sample"));
        });

        await using var app = await StarterApp.StartAsync(Path.Combine(_bare, "bin", "Debug", "net10.0", "Bare.dll"), _bare, DatabaseUrl, "Development");
        using var health = await app.Client.GetAsync("/health");
        using var users = await app.Client.GetAsync("/users");
        Assert.Multiple(() =>
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
            Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), app.Output);
        });
    }

    async Task<DotnetCli.Result> RunToolAsync(params string[] arguments)
    {
        // The tool's launcher runs on the same dotnet as these tests.
        var environment = new Dictionary<string, string>(_environment);
        if (Path.IsPathRooted(DotnetCli.HostPath))
            environment["DOTNET_ROOT"] = Path.GetDirectoryName(DotnetCli.HostPath)!;
        var launcher = Path.Combine(_tools, OperatingSystem.IsWindows() ? "aksara.exe" : "aksara");
        return await DotnetCli.RunProgramAsync(launcher, _work, CommandTimeout, environment, arguments);
    }

    /// <summary>The version in the file name of <paramref name="package"/>'s .nupkg in the feed.</summary>
    string PackageVersion(string package)
    {
        var name = Path.GetFileName(Directory.GetFiles(_feed, package + ".*.nupkg").Single(path => VersionOf(package, path) is not null));
        return VersionOf(package, name)!;
    }

    static string? VersionOf(string package, string path) =>
        Regex.Match(Path.GetFileName(path), $"^{Regex.Escape(package)}\\.([0-9].*)\\.nupkg$") is { Success: true } match ? match.Groups[1].Value : null;

    List<string> Entries(string package, string extension)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(_feed, $"{package}.{_version}.{extension}"));
        return archive.Entries.Select(entry => entry.FullName).ToList();
    }

    XDocument Nuspec(string package)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(_feed, $"{package}.{_version}.nupkg"));
        using var stream = archive.GetEntry(package + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    static List<string> Files(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file)).ToList()
        : [];
}
