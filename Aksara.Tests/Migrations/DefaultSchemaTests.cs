using Aksara.Configuration;
using Aksara.Migrations.Schema;
using Npgsql;

namespace Aksara.Tests.Migrations;

/// <summary>
/// <c>Aksara:Schema</c> / <c>AKSARA_SCHEMA</c> alone puts an application in its own schema: the scripts create the models'
/// tables (and their foreign keys) there, the journal follows, and at run time CRUD, COPY, typed queries and raw SQL that
/// names tables without a schema all find them — with or without <c>search_path</c> in the URL. A URL whose search_path
/// starts elsewhere is warned about, naming both schemas.
/// </summary>
public sealed class DefaultSchemaTests : MigrationTestBase
{
    public sealed class Member : Model
    {
        public string Email { get; set; } = "";
        public string[] Tags { get; set; } = [];
    }

    [Table("badges")]
    public sealed class Badge
    {
        [PrimaryKey] public int BadgeId { get; set; }
        [ForeignKey(typeof(Member), OnDelete = OnDelete.Cascade)] public Guid MemberId { get; set; }
        public string Label { get; set; } = "";
    }

    private AksaraOptions Options(string? urlQuery = null, string schema = "auth") => new()
    {
        DatabaseUrl = DatabaseUrl + urlQuery,
        Schema = schema,
        PoolMinSize = 0,
        PoolMaxSize = 4,
    };

    [TestCase(null)]
    [TestCase("?search_path=auth")]
    [TestCase("?options=-csearch_path%3Dauth%2Cpublic")]
    public async Task The_setting_alone_puts_tables_journal_and_every_query_in_the_schema(string? urlQuery)
    {
        var migration = Generate(SchemaFromModels.Build([typeof(Member), typeof(Badge)], defaultSchema: "auth"));
        Assert.That(migration.Script, Does.Contain("CREATE TABLE \"auth\".\"members\"").And.Contain("REFERENCES \"auth\".\"members\""));

        await using var db = new Database(Options(urlQuery));
        var result = await MigrationRunner.For(db).FromDirectory(Folder).Build().MigrateAsync();
        Assert.That(result.Error, Is.Null);
        Assert.That(await ScalarAsync<bool>(
            "SELECT to_regclass('auth.members') IS NOT NULL AND to_regclass('auth.aksara_migrations') IS NOT NULL " +
            "AND to_regclass('public.members') IS NULL AND to_regclass('public.aksara_migrations') IS NULL"), Is.True);

        var hostile = "o'brien\"; DROP TABLE members; -- ü";
        var member = await db.InsertAsync(new Member { Email = hostile, Tags = ["a", "ß"] });
        Assert.That((await db.GetAsync<Member>(member.Id))!.Email, Is.EqualTo(hostile));
        Assert.That(await db.InsertManyAsync([new Badge { BadgeId = 1, MemberId = member.Id, Label = "first" }, new Badge { BadgeId = 2, MemberId = member.Id, Label = "second" }]), Is.EqualTo(2));
        Assert.That(await db.Table<Badge>().Where(badge => badge.MemberId == member.Id).CountAsync(), Is.EqualTo(2));
        Assert.That(await db.FetchValAsync<long>("SELECT count(*) FROM badges b JOIN members m ON m.id = b.member_id WHERE m.email = $1", hostile), Is.EqualTo(2L));
        Assert.That(await db.FetchValAsync<long>("SELECT count(*) FROM aksara_migrations"), Is.EqualTo(1L), "the journal is where raw SQL looks too");

        var drift = await CheckDriftAsync(new QualifiedName("auth", "aksara_migrations"));
        Assert.That(drift.Lines, Is.Empty);
        Assert.That(drift.Unmanaged, Is.Empty);
        Assert.That(SearchPath.MismatchWarning(Options(urlQuery)), Is.Null);
    }

    [Test]
    public async Task The_journal_can_live_apart_from_the_models()
    {
        Generate(SchemaFromModels.Build([typeof(Member)], defaultSchema: "auth"));
        var options = Options();
        options.Migrations.Schema = "ops";

        await using var db = new Database(options);
        Assert.That((await MigrationRunner.For(db).FromDirectory(Folder).Build().MigrateAsync()).Error, Is.Null);

        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('ops.aksara_migrations') IS NOT NULL AND to_regclass('auth.aksara_migrations') IS NULL AND to_regclass('auth.members') IS NOT NULL"), Is.True);
    }

    [Test]
    public void Changing_the_setting_later_moves_nothing_and_refuses_to_drop_the_old_tables()
    {
        Generate(SchemaFromModels.Build([typeof(Member)], defaultSchema: "auth"));

        var generator = new Aksara.Migrations.Generation.MigrationGenerator(Migrations);
        var refused = Assert.Throws<Aksara.Migrations.Diffing.MigrationRefusedException>(() =>
            generator.Generate(SchemaFromModels.Build([typeof(Member)], defaultSchema: "shop"), new Aksara.Migrations.Diffing.DiffOptions()));

        Assert.That(refused!.Message, Does.Contain("auth.members").And.Contain("--allow-destructive"));
    }

    [TestCase("?search_path=shop", "shop", "public")]
    [TestCase("?search_path=%22%24user%22%2C%20shop", "shop", "public")]
    [TestCase("?options=-c%20search_path%3Dshop%2Cpublic", "shop", "auth")]
    public void A_search_path_that_starts_elsewhere_is_warned_about_naming_both(string urlQuery, string first, string schema)
    {
        var warning = SearchPath.MismatchWarning(Options(urlQuery, schema));

        Assert.That(warning, Does.Contain($"start with schema \"{first}\"").And.Contain($"the models' schema is \"{schema}\"").And.Contain($"AKSARA_SCHEMA={first}"));
    }

    [Test]
    public async Task Config_and_migrate_print_the_warning()
    {
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = DatabaseUrl + "?search_path=shop", ["AKSARA_SCHEMA"] = "auth" };
        Generate(SchemaFromModels.Build([typeof(Member)], defaultSchema: "auth"));

        var config = await CliRunner.RunAsync(Folder, environment, "config");
        var migrate = await CliRunner.RunAsync(Folder, environment, "migrate", "--dir", Folder);

        Assert.Multiple(() =>
        {
            Assert.That(config.ExitCode, Is.Zero, config.Error);
            Assert.That(config.Output, Does.Match(@"\nschema\s+auth\s+\(environment\)").And.Match(@"migrations_schema\s+auth\s+\(default: the models' schema\)"));
            Assert.That(config.Error, Does.Contain("warning: The database URL sets search_path to start with schema \"shop\", but the models' schema is \"auth\""));
            Assert.That(migrate.ExitCode, Is.Zero, migrate.Error);
            Assert.That(migrate.Error, Does.Contain("warning: The database URL sets search_path"));
        });
    }

    [Test]
    public async Task Without_a_search_path_in_the_URL_connections_search_the_models_schema_then_public()
    {
        await using var db = new Database(Options());

        Assert.That(await db.FetchValAsync<string>("SHOW search_path"), Is.EqualTo("\"auth\", public"));
        await using var inPublic = new Database(Options(schema: "public"));
        Assert.That(await inPublic.FetchValAsync<string>("SHOW search_path"), Is.EqualTo("\"$user\", public"), "public leaves the server's own setting alone");
    }
}
