using System.Text.RegularExpressions;
using Aksara.Tests.Starter;
using Npgsql;

namespace Aksara.Tests.Migrations;

/// <summary>
/// docs/schemas-and-roles.md as written: its <c>.env</c>, the SQL a DBA runs once, then its three commands in an app
/// project — <c>makemigrations</c> without any database, the two <c>migrate</c>s as the owner — after which the runtime
/// role reads and writes the rows, with raw SQL that names tables without their schema, and can change nothing else.
/// </summary>
public sealed partial class SchemasAndRolesDocsTests : DatabaseTestBase
{
    private static readonly string s_page = File.ReadAllText(Path.Combine(StarterProject.RepositoryRoot, "docs", "schemas-and-roles.md")).ReplaceLineEndings("\n");

    private string _app = null!;

    [OneTimeSetUp]
    public void CreateApp()
    {
        _app = Directory.CreateTempSubdirectory("aksara-schemas-docs-").FullName;
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
        File.WriteAllText(Path.Combine(_app, "Models.cs"),
            """
            using System;
            using Aksara;

            namespace Shop;

            public sealed class Customer : Model
            {
                public string Email { get; set; } = "";
            }

            public sealed class Order : Model
            {
                [ForeignKey(typeof(Customer))] public Guid CustomerId { get; set; }
                public decimal Total { get; set; }
            }
            """);
        // The page's .env, as written.
        var env = Block("ini", "## An application in its own schema");
        File.WriteAllText(Path.Combine(_app, ".env"), env);
    }

    [OneTimeTearDown]
    public void RemoveApp() => Directory.Delete(_app, recursive: true);

    [TearDown]
    public async Task DropRolesAsync()
    {
        await using var command = DataSource.CreateCommand("""
            DROP SCHEMA IF EXISTS shop CASCADE;
            DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shop_owner') THEN DROP OWNED BY shop_owner; DROP ROLE shop_owner; END IF;
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shop_app') THEN DROP OWNED BY shop_app; DROP ROLE shop_app; END IF;
            END $$;
            """);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task The_page_sets_up_an_owner_that_migrates_its_schema_and_a_runtime_role_that_only_uses_it()
    {
        Assert.That(File.ReadAllText(Path.Combine(_app, ".env")), Does.Contain("AKSARA_SCHEMA=shop"));
        await using (var dba = DataSource.CreateCommand(Block("sql", "## A migration role apart from the runtime role")))
            await dba.ExecuteNonQueryAsync();

        var section = s_page[s_page.IndexOf("## A migration role apart from the runtime role", StringComparison.Ordinal)..];
        var commands = CommandLine().Matches(section).Select(match => match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.That(commands.Select(command => string.Join(' ', command)), Is.EqualTo(new[] { "makemigrations", "migrate --grant-to shop_app", "migrate --check" }));

        var owner = new Dictionary<string, string> { ["DATABASE_URL"] = RoleUrl("shop_owner", "owner-secret") };
        foreach (var command in commands)
        {
            // makemigrations gets no database at all: the schema comes from .env.
            var run = await CliRunner.RunAsync(_app, command[0] == "makemigrations" ? null : owner, command);
            Assert.That(run.ExitCode, Is.Zero, $"aksara {string.Join(' ', command)}:\n{run.Output}\n{run.Error}");
        }

        var script = File.ReadAllText(Path.Combine(_app, "migrations", "0001_initial.sql"));
        Assert.That(script, Does.Contain("CREATE TABLE \"shop\".\"customers\"").And.Contain("REFERENCES \"shop\".\"customers\""));
        await using (var owned = DataSource.CreateCommand(
            "SELECT string_agg(tablename || ':' || tableowner, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'shop'"))
            Assert.That(await owned.ExecuteScalarAsync(), Is.EqualTo("aksara_migrations:shop_owner,customers:shop_owner,orders:shop_owner"));

        await using var runtime = new Database(new AksaraOptions { DatabaseUrl = RoleUrl("shop_app", "app-secret"), Schema = "shop", PoolMinSize = 0, PoolMaxSize = 2 });
        var id = await runtime.FetchValAsync<Guid>("INSERT INTO customers (email) VALUES ($1) RETURNING id", "o'brien@example.com");
        Assert.That(await runtime.ExecuteAsync("INSERT INTO orders (customer_id, total) VALUES ($1, 9.5)", id), Is.EqualTo(1));
        Assert.That(await runtime.FetchValAsync<long>("SELECT count(*) FROM orders JOIN customers c ON c.id = customer_id"), Is.EqualTo(1L));
        foreach (var ddl in (string[])["CREATE TABLE shop.sneaky (id int)", "CREATE TABLE public.sneaky (id int)", "TRUNCATE orders", "DELETE FROM aksara_migrations"])
            Assert.That(() => runtime.ExecuteAsync(ddl), Throws.Exception.With.Message.Contains("permission denied"), ddl);
    }

    private string RoleUrl(string role, string password) => $"postgresql://{role}:{password}@{Server.Host}:{Server.Port}/{DatabaseName}";

    /// <summary>The first <c>```language</c> block after <paramref name="heading"/>, without its fences and comments.</summary>
    private static string Block(string language, string heading)
    {
        var after = s_page[s_page.IndexOf(heading, StringComparison.Ordinal)..];
        var start = after.IndexOf("```" + language + "\n", StringComparison.Ordinal) + language.Length + 4;
        return after[start..after.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"^\$ aksara (.+)$", RegexOptions.Multiline)]
    private static partial Regex CommandLine();
}
