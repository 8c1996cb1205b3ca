using Aksara.Cli.Commands;

namespace Aksara.Tests.Modules;

/// <summary>
/// A module library (its models in schema auth, its migrations written by makemigrations in its own project and embedded)
/// and an application that references it, uses some of its models and has a foreign key into one: built with dotnet build,
/// migrated on a real PostgreSQL. The module is built once for the class.
/// </summary>
public class ModuleEndToEndTests : Migrations.MigrationTestBase
{
    private const string ModuleHeader = "using Aksara;\n[assembly: AksaraModule(\"auth\", Schema = \"auth\")]\nnamespace AcmeAuth;\n";
    private const string UserModel = "public class User : Model { [Unique] public string Email { get; set; } = \"\"; }\n";
    private const string SessionModel = "public class Session : Model { [ForeignKey(typeof(User), OnDelete = OnDelete.Cascade)] public Guid UserId { get; set; } }\n";
    private const string PasskeyModel = "public class Passkey : Model { [ForeignKey(typeof(User), OnDelete = OnDelete.Cascade)] public Guid UserId { get; set; } public string CredentialId { get; set; } = \"\"; }\n";

    private string _root = null!;
    private string _module = null!;
    private string _app = null!;
    private (int Exit, string Output, string Error)[] _moduleRuns = [];

    [OneTimeSetUp]
    public async Task BuildModuleAsync()
    {
        _root = Directory.CreateTempSubdirectory("aksara-module-").FullName;
        _module = Path.Combine(_root, "AcmeAuth");
        Directory.CreateDirectory(_module);
        File.WriteAllText(Path.Combine(_module, "AcmeAuth.csproj"),
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Aksara.Core" HintPath="{typeof(Model).Assembly.Location}" />
                <EmbeddedResource Include="migrations/*.sql;migrations/*.snapshot.json" />
              </ItemGroup>
            </Project>
            """);
        // The module's author adds a model at a time and runs makemigrations in the module's project each time.
        var runs = new List<(int, string, string)>();
        foreach (var (models, name) in new[] { (UserModel, "initial"), (UserModel + SessionModel, "add_sessions"), (UserModel + SessionModel + PasskeyModel, "add_passkeys") })
        {
            File.WriteAllText(Path.Combine(_module, "Models.cs"), ModuleHeader + models);
            runs.Add(await RunCommandAsync(MakeMigrationsCommand.Create(TextReader.Null, () => false),
                "makemigrations", "--app", _module, "-o", Path.Combine(_module, "migrations"), "--no-input", "--name", name));
        }
        _moduleRuns = [.. runs];
    }

    [OneTimeTearDown]
    public void RemoveModule() => Directory.Delete(_root, recursive: true);

    private void WriteApp(string usedModels)
    {
        _app = Path.Combine(_root, "BlogApp");
        Directory.CreateDirectory(_app);
        File.WriteAllText(Path.Combine(_app, "BlogApp.csproj"),
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Aksara.Core" HintPath="{typeof(Model).Assembly.Location}" />
                <ProjectReference Include="../AcmeAuth/AcmeAuth.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_app, "Models.cs"),
            $$"""
            using Aksara;
            using AcmeAuth;
            [assembly: UseAksaraModule("auth", Models = [{{usedModels}}])]
            namespace BlogApp;
            public class Post : Model
            {
                [ForeignKey(typeof(User))] public Guid AuthorId { get; set; }
                public string Title { get; set; } = "";
            }
            """);
    }

    private Task<(int Exit, string Output, string Error)> MakeMigrationsAsync(params string[] args) =>
        RunCommandAsync(MakeMigrationsCommand.Create(TextReader.Null, () => false), ["makemigrations", "--app", _app, "-o", Folder, "--no-input", .. args]);

    private async Task AssertBothChecksCleanAsync(string step)
    {
        var models = await MakeMigrationsAsync("--check");
        var database = await MigrateAsync("--check", "--app", _app);
        Assert.That(models.Exit, Is.Zero, $"{step}: makemigrations --check: {models.Output}{models.Error}");
        Assert.That(database.Exit, Is.Zero, $"{step}: migrate --check: {database.Output}{database.Error}");
        Assert.That(database.Output, Does.StartWith("Migrations are up to date."), step);
    }

    private Task<List<string>> TablesAsync() => RowsAsync(
        "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname IN ('public', 'auth') AND tablename <> 'aksara_migrations' ORDER BY 1");

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    [Test]
    public async Task An_app_with_a_foreign_key_into_a_module_migrates_from_zero_then_opting_into_a_model_creates_one_table()
    {
        foreach (var run in _moduleRuns)
            Assert.That(run.Exit, Is.Zero, run.Output + run.Error);
        Assert.That(File.ReadAllText(Path.Combine(_module, "migrations", "0002_add_sessions.sql")), Does.Contain("-- aksara:tables auth.sessions\n"),
            "a module's script records the tables it changes, for apps that use only some of its models");

        WriteApp("typeof(User), typeof(Session)");
        var made = await MakeMigrationsAsync();
        Assert.That(made.Exit, Is.Zero, made.Output + made.Error);
        Assert.That(made.Output, Does.Contain("modules/auth/0001_initial.sql").And.Contain("modules/auth/0002_add_sessions.sql").And.Not.Contain("0003_add_passkeys"));
        Assert.That(File.ReadAllText(Path.Combine(Folder, "0001_initial.sql")), Does.Contain("-- aksara:depends-on auth:0001_initial\n").And.Not.Contain("CREATE TABLE \"auth\""),
            "the app's migration creates only its own table, and says which module migration it needs");

        var migrated = await MigrateAsync();
        Assert.That(migrated.Exit, Is.Zero, migrated.Output + migrated.Error);
        Assert.That(migrated.Output.Split('\n').Where(line => line.Contains(" ms", StringComparison.Ordinal)).Select(line => line.Trim().Split(' ')[0]),
            Is.EqualTo(new[] { "auth:0001_initial", "auth:0002_add_sessions", "0001_initial" }), "one run applies the module's migrations before the app's");
        Assert.That(await TablesAsync(), Is.EqualTo(new[] { "auth.sessions", "auth.users", "public.posts" }));
        Assert.That(await RowsAsync("SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'public.posts'::regclass AND contype = 'f'"),
            Is.EqualTo(new[] { "auth.users" }), "the app's foreign key targets the module's schema");
        await AssertBothChecksCleanAsync("after the first migrate");

        WriteApp("typeof(User), typeof(Session), typeof(Passkey)");
        var optedIn = await MakeMigrationsAsync();
        var plan = await MigrateAsync("--dry-run");
        var list = await MigrateAsync("--list");
        var pending = await MigrateAsync("--check");
        var shown = await RunCommandAsync(ShowMigrationsCommand.Create(), "showmigrations", "--database-url", DatabaseUrl, "--dir", Folder);
        var script = await RunCommandAsync(SqlMigrateCommand.Create(), "sqlmigrate", "auth:0003", "--dir", Folder);
        var before = await TablesAsync();
        var second = await MigrateAsync();

        Assert.That(optedIn.Exit, Is.Zero, optedIn.Output + optedIn.Error);
        Assert.That(optedIn.Output, Does.Contain("modules/auth/0003_add_passkeys.sql").And.Contain("No changes detected."), "the app's own models did not change");
        Assert.That(list.Output, Does.Match(@"\[ \] auth:0003_add_passkeys"));
        Assert.That(shown.Output, Does.Match(@"\[X\] auth:0001_initial .*\n.*\[X\] auth:0002_add_sessions .*\n.*\[ \] auth:0003_add_passkeys.*\n.*\[X\] 0001_initial"), shown.Output + shown.Error);
        Assert.That(pending.Exit, Is.EqualTo(1));
        Assert.That(pending.Output, Does.Contain("auth:0003_add_passkeys is pending"));
        Assert.That(script.Output, Does.StartWith("-- 0003_add_passkeys").And.Contain("CREATE TABLE"), script.Error);
        Assert.That(plan.Output, Does.Contain("===== auth:0003_add_passkeys"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(plan.Output, "CREATE TABLE").Count, Is.EqualTo(1), plan.Output);
        Assert.That(second.Exit, Is.Zero, second.Output + second.Error);
        Assert.That((await TablesAsync()).Except(before), Is.EqualTo(new[] { "auth.passkeys" }));
        Assert.That(before.Except(await TablesAsync()), Is.Empty);
        await AssertBothChecksCleanAsync("after opting into Passkey");
    }

    [Test]
    public async Task A_foreign_key_to_a_module_model_the_app_does_not_use_is_refused_naming_the_fix()
    {
        WriteApp("typeof(Session)");

        var made = await MakeMigrationsAsync();

        Assert.That(made.Exit, Is.EqualTo(1), made.Output + made.Error);
        Assert.That(made.Error, Does.Contain("auth.sessions has a foreign key to auth.users, which the application does not use").And.Contain("add the model of auth.users to Models"));
        Assert.That(Directory.EnumerateFileSystemEntries(Folder), Is.Empty, "nothing is written");
    }
}
