using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Schema;

namespace Aksara.Tests.Migrations;

/// <summary>
/// <c>aksara migrate --grant-to ROLE</c> (<c>Aksara:Migrations:RuntimeRole</c>): after migrating as the owner, a runtime role
/// with only those grants serves CRUD, COPY and typed queries in every schema the migrations made, reads but cannot write
/// the journal, cannot change the schema, and gets tables the owner creates later.
/// </summary>
public sealed class RuntimeGrantsTests : MigrationTestBase
{
    private readonly string _role = "aksara_runtime_" + Guid.NewGuid().ToString("N")[..8];

    [Table("accounts")]
    public sealed class Account
    {
        [PrimaryKey] public int AccountId { get; set; }
        public string Email { get; set; } = "";
    }

    [Table("tags", Schema = "app")]
    public sealed class Tag
    {
        [PrimaryKey, Default("nextval('app.tags_tag_id_seq'::regclass)")] public int TagId { get; set; }
        public string Label { get; set; } = "";
    }

    [SetUp]
    public async Task CreateRoleAsync()
    {
        await ExecuteAsync($"""CREATE ROLE "{_role}" LOGIN PASSWORD 'runtime-secret'; REVOKE CREATE ON SCHEMA public FROM PUBLIC;""");
        var generator = new MigrationGenerator(Migrations);
        generator.Write(generator.Generate(SchemaFromModels.Build([typeof(Account), typeof(Tag)]), new DiffOptions()));
    }

    [TearDown]
    public async Task DropRoleAsync() => await ExecuteAsync($"""DROP SCHEMA IF EXISTS app CASCADE; DROP OWNED BY "{_role}"; DROP ROLE IF EXISTS "{_role}";""");

    private string RuntimeUrl => $"postgresql://{_role}:runtime-secret@{Server.Host}:{Server.Port}/{DatabaseName}";

    [Test]
    public async Task The_runtime_role_gets_what_the_application_needs_and_nothing_more()
    {
        var migrated = await CliRunner.RunAsync(Folder, new Dictionary<string, string> { ["DATABASE_URL"] = DatabaseUrl }, "migrate", "--dir", Folder, "--grant-to", _role);
        Assert.That(migrated.ExitCode, Is.Zero, migrated.Error + migrated.Output);

        await using var runtime = new Database(RuntimeUrl, poolMinSize: 0, poolMaxSize: 2);
        var account = await runtime.InsertAsync(new Account { Email = "ada@example.com" });
        account.Email = "o'brien@example.com";
        Assert.That(await runtime.UpdateAsync(account), Is.True);
        Assert.That(await runtime.InsertManyAsync([new Tag { Label = "a" }, new Tag { Label = "b" }]), Is.EqualTo(2));
        Assert.That(await runtime.Table<Tag>().Where(tag => tag.Label == "b").CountAsync(), Is.EqualTo(1));
        Assert.That(await runtime.DeleteAsync<Account>(account.AccountId), Is.True);
        Assert.That(await runtime.FetchValAsync<long>("SELECT count(*) FROM aksara_migrations"), Is.EqualTo(1L));

        Assert.That(() => runtime.ExecuteAsync("DELETE FROM aksara_migrations"), Throws.Exception.With.Message.Contains("permission denied"));
        Assert.That(() => runtime.ExecuteAsync("CREATE TABLE app.sneaky (id int)"), Throws.Exception.With.Message.Contains("permission denied"));
        Assert.That(() => runtime.ExecuteAsync("TRUNCATE accounts"), Throws.Exception.With.Message.Contains("permission denied"));

        await ExecuteAsync("CREATE TABLE app.later (id int); INSERT INTO app.later VALUES (1)");
        Assert.That(await runtime.FetchValAsync<int>("SELECT id FROM app.later"), Is.EqualTo(1), "default privileges cover a table the owner makes later");
    }

    [Test]
    public async Task A_runtime_role_that_does_not_exist_is_a_configuration_error_that_says_how_to_create_it()
    {
        var run = await CliRunner.RunAsync(Folder, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = DatabaseUrl,
            ["AKSARA_MIGRATIONS_RUNTIME_ROLE"] = "no such role",
        }, "migrate", "--dir", Folder);
        Assert.That(run.ExitCode, Is.EqualTo(3), run.Output + run.Error);
        Assert.That(run.Error, Does.Contain("The runtime role \"no such role\"").And.Contain("CREATE ROLE \"no such role\" LOGIN"));
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.accounts') IS NULL AND to_regclass('public.aksara_migrations') IS NULL"), Is.True, "nothing ran");
    }
}
