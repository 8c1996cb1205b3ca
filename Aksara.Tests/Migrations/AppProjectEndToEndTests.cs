using Aksara.Cli.Commands;

namespace Aksara.Tests.Migrations;

/// <summary>
/// makemigrations and migrate on a real application project: built with dotnet build, loaded in its own load context,
/// its models read through the tool's own Aksara.Core.
/// </summary>
public class AppProjectEndToEndTests : MigrationTestBase
{
    private string _app = null!;

    private void WriteApp(string models)
    {
        _app = Path.Combine(Folder, "app");
        Directory.CreateDirectory(_app);
        File.WriteAllText(Path.Combine(_app, "ShopApp.csproj"),
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Aksara.Core" HintPath="{typeof(Model).Assembly.Location}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_app, "Models.cs"), "using Aksara;\nnamespace ShopApp;\n" + models);
    }

    private Task<(int Exit, string Output, string Error)> MakeMigrationsAsync(params string[] args) =>
        RunCommandAsync(MakeMigrationsCommand.Create(TextReader.Null, () => false), ["makemigrations", "--app", _app, "-o", Path.Combine(Folder, "migrations"), "--no-input", .. args]);

    [Test]
    public async Task A_project_is_built_and_its_models_migrated_and_checked()
    {
        WriteApp("public class Customer : Model { public string Name { get; set; } = \"\"; }");

        var made = await MakeMigrationsAsync();
        var unchanged = await MakeMigrationsAsync("--check");
        WriteApp("public class Customer : Model { public string Name { get; set; } = \"\"; public string? Phone { get; set; } }");
        var changed = await MakeMigrationsAsync("--check");
        var changedJson = await MakeMigrationsAsync("--check", "--json");
        var migrate = await RunCommandAsync(MigrateCommand.Create(), "migrate", "--database-url", DatabaseUrl, "--dir", Path.Combine(Folder, "migrations"));
        var check = await RunCommandAsync(MigrateCommand.Create(), "migrate", "--check", "--app", _app, "--database-url", DatabaseUrl, "--dir", Path.Combine(Folder, "migrations"));
        var second = await MakeMigrationsAsync("--json");

        Assert.That(made.Exit, Is.Zero, made.Error);
        Assert.That(made.Output, Does.Contain("0001_initial.sql").And.Contain("Create table customers"));
        Assert.That(unchanged.Exit, Is.Zero);
        Assert.That(unchanged.Output, Does.EndWith("No changes detected." + Environment.NewLine));
        Assert.That(changed.Exit, Is.EqualTo(1), changed.Output + changed.Error);
        Assert.That(changed.Output, Does.Contain("customers.phone"));
        Assert.That(migrate.Exit, Is.Zero, migrate.Error);
        Assert.That(check.Exit, Is.EqualTo(1), check.Output + check.Error);
        Assert.That(check.Output, Does.Contain("the models have a change without a migration"));
        Assert.That(changedJson.Exit, Is.EqualTo(1), changedJson.Error);
        using (var report = System.Text.Json.JsonDocument.Parse(changedJson.Output))
        {
            Assert.That(report.RootElement.GetProperty("up_to_date").GetBoolean(), Is.False);
            var problem = report.RootElement.GetProperty("problems").EnumerateArray().Single();
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("unmigrated_change"));
            Assert.That(problem.GetProperty("message").GetString(), Does.Contain("customers.phone"));
        }
        Assert.That(second.Exit, Is.Zero, second.Error);
        using (var written = System.Text.Json.JsonDocument.Parse(second.Output))
        {
            var script = written.RootElement.GetProperty("scripts").EnumerateArray().Single();
            Assert.That(written.RootElement.GetProperty("changes_detected").GetBoolean(), Is.True);
            Assert.That(script.GetProperty("name").GetString(), Is.EqualTo("0002_add_customers_phone"));
            Assert.That(File.ReadAllText(script.GetProperty("path").GetString()!), Is.EqualTo(script.GetProperty("sql").GetString()));
            Assert.That(script.GetProperty("operations").EnumerateArray().Select(operation => operation.GetProperty("destructive").GetBoolean()), Is.All.False);
        }
        Assert.That(second.Error, Does.Contain("Building"), "with --json, progress goes to stderr");
    }

    [Test]
    public async Task A_build_error_is_reported_plainly()
    {
        WriteApp("public class Customer : Model { public Strin Name { get; set; } }");

        var result = await MakeMigrationsAsync();

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("Building").And.Contain("failed").And.Contain("CS0246"));
    }
}
