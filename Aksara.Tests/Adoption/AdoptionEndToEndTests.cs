using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using Npgsql;

namespace Aksara.Tests.Adoption;

/// <summary>
/// Adopting the hand-made database of <see cref="InspectDbTests"/> without recreating anything: <c>inspectdb</c> → a
/// baseline from the models → <c>migrate --fake</c> → both checks clean → a fresh database migrated from the baseline
/// has the same tables, constraints, indexes and unmodelled objects → a model change migrates the adopted database.
/// </summary>
public sealed class AdoptionEndToEndTests : DatabaseTestBase
{
    private string _folder = null!;
    private string _adopted = null!;
    private string _fresh = null!;

    // Each case adopts a database of its own, made from the same hand-made SQL, and replays it on another.
    [SetUp]
    public async Task CreateDatabasesAsync()
    {
        _folder = Directory.CreateTempSubdirectory("aksara-adopt-").FullName;
        // Short names of their own: a derived name could pass PostgreSQL's 63 bytes and be cut to the other's.
        var suffix = Guid.NewGuid().ToString("N")[..12];
        _adopted = $"aksara_adopted_{suffix}";
        _fresh = $"aksara_fresh_{suffix}";
        await using var admin = new NpgsqlConnection(Server.ConnectionString);
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{_adopted}\"", admin).ExecuteNonQueryAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{_fresh}\"", admin).ExecuteNonQueryAsync();
        await using var connection = new NpgsqlConnection(Server.GetConnectionString(_adopted));
        await connection.OpenAsync();
        await new NpgsqlCommand(InspectDbTests.HandMadeDomain + InspectDbTests.HandMadeTables + InspectDbTests.HandMadeObjects + InspectDbTests.HandMadeRows, connection).ExecuteNonQueryAsync();
    }

    [TearDown]
    public async Task DropDatabasesAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await using var admin = new NpgsqlConnection(Server.ConnectionString);
        await admin.OpenAsync();
        foreach (var database in new[] { _adopted, _fresh })
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }

    private string Migrations => Path.Combine(_folder, "migrations");

    private Task<CliRunner.Result> AksaraAsync(string url, params string[] args) =>
        CliRunner.RunAsync(_folder, new Dictionary<string, string> { ["DATABASE_URL"] = url }, args);

    private IReadOnlyList<string> ModelSources() => Directory.GetFiles(Path.Combine(_folder, "Models"), "*.cs").Select(File.ReadAllText).ToList();

    private static DatabaseSchema ModelsOf(ModelCompilation compiled) =>
        SchemaFromModels.Build(compiled.Assembly.GetTypes().Where(type => type.IsClass));

    private IReadOnlyList<MigrationFile> MakeMigrations(DatabaseSchema models, string name)
    {
        var generator = new MigrationGenerator(new MigrationDirectory(Migrations));
        return generator.Write(generator.Generate(models, new DiffOptions(), name));
    }

    [TestCase("public")]
    [TestCase("public", "auth")]
    public async Task From_inspectdb_to_a_baseline_faked_checked_replayed_on_a_fresh_database_and_migrated_on(params string[] schemas)
    {
        var adopted = Server.GetDatabaseUrl(_adopted);
        var inspect = await AksaraAsync(adopted, ["inspectdb", "--namespace", "Shop.Models", .. schemas.SelectMany(schema => new[] { "--schema", schema })]);
        Assert.That(inspect.ExitCode, Is.Zero, inspect.Error + inspect.Output);
        Assert.That(File.Exists(AdoptedObjectsFile.PathIn(Migrations)), Is.True, inspect.Output);

        using (var compiled = ModelCompilation.Compile(ModelSources()))
        {
            var baseline = MakeMigrations(ModelsOf(compiled), "baseline");
            Assert.That(baseline.Select(file => file.Name).First(), Is.EqualTo("0001_baseline"));
            Assert.That(File.Exists(AdoptedObjectsFile.PathIn(Migrations)), Is.False, "the baseline consumed aksara.adopted.json");
            var script = File.ReadAllText(baseline[0].Path);
            Assert.That(script, Does.Contain("CREATE VIEW public.active_customers AS").And.Contain("CREATE TRIGGER customers_stamp")
                .And.Contain("CREATE DOMAIN public.email_address AS text").And.Contain("CREATE INDEX \"customers_name_spgist_idx\"")
                .And.Contain("ADD CONSTRAINT \"bookings_during_excl\" EXCLUDE USING gist (during WITH &&)").And.Contain("USING btree (lower(title))"));
            Assert.That(script.IndexOf("CREATE DOMAIN", StringComparison.Ordinal), Is.LessThan(script.IndexOf("CREATE TABLE", StringComparison.Ordinal)));
            Assert.That(new MigrationGenerator(new MigrationDirectory(Migrations)).FindUnmigratedChanges(ModelsOf(compiled)), Is.Empty,
                "makemigrations --check: no changes");

            var fake = await AksaraAsync(adopted, "migrate", "--dir", Migrations, "--fake", "--to", baseline[^1].Name);
            Assert.That(fake.ExitCode, Is.Zero, fake.Error + fake.Output);
            var check = await AksaraAsync(adopted, "migrate", "--dir", Migrations, "--check");
            Assert.That(check.ExitCode, Is.Zero, "migrate --check on the adopted database: " + check.Error + check.Output);
        }

        var fresh = Server.GetDatabaseUrl(_fresh);
        var replay = await AksaraAsync(fresh, "migrate", "--dir", Migrations);
        Assert.That(replay.ExitCode, Is.Zero, replay.Error + replay.Output);
        var freshCheck = await AksaraAsync(fresh, "migrate", "--dir", Migrations, "--check");
        Assert.That(freshCheck.ExitCode, Is.Zero, freshCheck.Error + freshCheck.Output);
        await using (var original = new NpgsqlConnection(Server.GetConnectionString(_adopted)))
        await using (var copy = new NpgsqlConnection(Server.GetConnectionString(_fresh)))
        {
            await original.OpenAsync();
            await copy.OpenAsync();
            // A schema that was not inspected is not the models' to replay.
            Assert.That((await SchemaIntrospector.ReadAsync(copy)).Tables.Select(Json),
                Is.EqualTo((await SchemaIntrospector.ReadAsync(original)).Tables.Where(table => schemas.Contains(table.Schema)).Select(Json)));
            // Views, functions, triggers, the aggregate, the partitioned table's partition: all replayed.
            Assert.That(await UnmodelledAsync(copy, schemas), Is.EqualTo(await UnmodelledAsync(original, schemas)));
        }

        var customer = Path.Combine(_folder, "Models", "Customer.cs");
        File.WriteAllText(customer, File.ReadAllText(customer).TrimEnd().TrimEnd('}') + "\n    public string? Phone { get; set; }\n}\n");
        using (var changed = ModelCompilation.Compile(ModelSources()))
        {
            var added = MakeMigrations(ModelsOf(changed), "add_customers_phone");
            Assert.That(added.Select(file => file.Name), Is.EqualTo(new[] { "0002_add_customers_phone" }));
        }
        var migrate = await AksaraAsync(adopted, "migrate", "--dir", Migrations);
        Assert.That(migrate.ExitCode, Is.Zero, migrate.Error + migrate.Output);
        var after = await AksaraAsync(adopted, "migrate", "--dir", Migrations, "--check");
        Assert.That(after.ExitCode, Is.Zero, after.Error + after.Output);
        await using var db = new Database(adopted, poolMinSize: 0, poolMaxSize: 1);
        Assert.That(await db.FetchAsync<string>("SELECT full_name FROM customers WHERE phone IS NULL ORDER BY customer_id"), Is.EqualTo(new[] { "Ada", "Miles O'Brien" }));
    }

    private static string Json(TableSchema table) => new SchemaSnapshot(new DatabaseSchema([table]), null).ToJson();

    private static async Task<IReadOnlyList<(string Kind, string Schema, string Name, string? Definition)>> UnmodelledAsync(NpgsqlConnection connection, string[] schemas) =>
        (await UnmodelledObjectReader.ReadAsync(connection, schemas, CancellationToken.None))
            .Select(item => (item.Kind, item.Schema, item.Name, item.Definition)).ToList();
}
