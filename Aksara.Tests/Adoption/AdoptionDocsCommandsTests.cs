using System.Text.RegularExpressions;
using Aksara.Tests.Starter;
using Npgsql;

namespace Aksara.Tests.Adoption;

/// <summary>
/// The five commands of docs/adopting.md, run as written with the <c>aksara</c> tool in an app project whose database is
/// the hand-made one of <see cref="InspectDbTests"/>: each succeeds, and the checks at the end find nothing.
/// </summary>
public sealed partial class AdoptionDocsCommandsTests : DatabaseTestBase
{
    private static readonly string s_page = File.ReadAllText(Path.Combine(StarterProject.RepositoryRoot, "docs", "adopting.md")).ReplaceLineEndings("\n");

    private string _app = null!;

    [OneTimeSetUp]
    public async Task CreateAppAsync()
    {
        await using (var connection = await DataSource.OpenConnectionAsync())
            await new NpgsqlCommand(InspectDbTests.HandMadeDomain + InspectDbTests.HandMadeTables + InspectDbTests.HandMadeObjects + InspectDbTests.HandMadeRows, connection).ExecuteNonQueryAsync();
        _app = Directory.CreateTempSubdirectory("aksara-adopt-docs-").FullName;
        // A real app gets Npgsql with the Aksara.Core package; here both are the suite's own builds.
        File.WriteAllText(Path.Combine(_app, "Shop.csproj"),
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Aksara.Core" HintPath="{typeof(Model).Assembly.Location}" />
                <Reference Include="Npgsql" HintPath="{typeof(NpgsqlConnection).Assembly.Location}" />
              </ItemGroup>
            </Project>
            """);
    }

    [OneTimeTearDown]
    public void RemoveApp() => Directory.Delete(_app, recursive: true);

    [Test]
    public async Task The_five_commands_adopt_the_database_and_leave_both_checks_clean()
    {
        var commands = CommandLine().Matches(s_page[s_page.IndexOf("## In five commands", StringComparison.Ordinal)..])
            .Select(match => match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Take(5)
            .ToList();
        Assert.That(commands.Select(command => command[0]), Is.EqualTo(new[] { "inspectdb", "makemigrations", "migrate", "migrate", "makemigrations" }));

        foreach (var command in commands)
        {
            var run = await CliRunner.RunAsync(_app, new Dictionary<string, string> { ["DATABASE_URL"] = DatabaseUrl }, command);
            Assert.That(run.ExitCode, Is.Zero, $"aksara {string.Join(' ', command)}:\n{run.Output}\n{run.Error}");
            if (command is ["makemigrations", "--check"])
                Assert.That(run.Output, Does.Contain("No changes detected."));
        }
        Assert.That(Directory.GetFiles(Path.Combine(_app, "migrations"), "*.sql").Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "0001_baseline.down.sql", "0001_baseline.sql" }));
        Assert.That(File.Exists(Path.Combine(_app, "migrations", "aksara.adopted.json")), Is.False);
    }

    [GeneratedRegex(@"^\$ aksara (.+)$", RegexOptions.Multiline)]
    private static partial Regex CommandLine();
}
