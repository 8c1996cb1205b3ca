using Aksara.Migrations.Generation;
using Aksara.Migrations.Schema;

namespace Aksara.Tests.Migrations;

/// <summary>
/// A migrator role that owns only its application's schema, with no CREATE on the database and none on <c>public</c>
/// (PostgreSQL 15's default): with the journal in that schema (<c>AKSARA_MIGRATIONS_SCHEMA</c>) it migrates and checks;
/// without, it is told plainly that it cannot create the journal in <c>public</c>.
/// </summary>
public sealed class SchemaOwnerMigratorTests : MigrationTestBase
{
    private readonly string _role = "aksara_migrator_" + Guid.NewGuid().ToString("N")[..8];

    [Table("accounts", Schema = "app")]
    public sealed class Account
    {
        [PrimaryKey] public int AccountId { get; set; }
        public string Email { get; set; } = "";
    }

    [SetUp]
    public async Task CreateRoleAsync()
    {
        await ExecuteAsync($"""
            CREATE ROLE "{_role}" LOGIN PASSWORD 'it''s-a-secret';
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            CREATE SCHEMA app AUTHORIZATION "{_role}";
            """);
        var generator = new MigrationGenerator(Migrations);
        generator.Write(generator.Generate(SchemaFromModels.Build([typeof(Account)]), new Aksara.Migrations.Diffing.DiffOptions()));
    }

    [TearDown]
    public async Task DropRoleAsync() =>
        await ExecuteAsync($"""DROP SCHEMA IF EXISTS app CASCADE; DROP OWNED BY "{_role}"; DROP ROLE IF EXISTS "{_role}";""");

    private Task<CliRunner.Result> MigrateAsMigratorAsync(string? journalSchema, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = $"postgresql://{_role}:it%27s-a-secret@{Server.Host}:{Server.Port}/{DatabaseName}",
        };
        if (journalSchema is not null)
            environment["AKSARA_MIGRATIONS_SCHEMA"] = journalSchema;
        return CliRunner.RunAsync(Folder, environment, ["migrate", "--dir", Folder, .. args]);
    }

    [Test]
    public async Task A_migrator_owning_only_its_schema_migrates_with_the_journal_kept_there()
    {
        var refused = await MigrateAsMigratorAsync(journalSchema: null);
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Error, Does.Match("The migrations journal public.aksara_migrations cannot be (read|created): permission denied for schema public")
            .And.Contain("AKSARA_MIGRATIONS_SCHEMA"));
        Assert.That(refused.ExitCode, Is.EqualTo(1));

        var migrated = await MigrateAsMigratorAsync("app");
        Assert.That(migrated.ExitCode, Is.Zero, migrated.Error + migrated.Output);
        Assert.That(await ScalarAsync<string>("SELECT tableowner::text FROM pg_tables WHERE schemaname = 'app' AND tablename = 'accounts'"), Is.EqualTo(_role));
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('app.aksara_migrations') IS NOT NULL AND to_regclass('public.aksara_migrations') IS NULL"), Is.True);
        var check = await MigrateAsMigratorAsync("app", "--check");
        Assert.That(check.ExitCode, Is.Zero, check.Error + check.Output);
    }
}
