using System.CommandLine;
using Aksara.Cli.Commands;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using Npgsql;

namespace Aksara.Tests.Migrations;

/// <summary>
/// A database emptied before each test and a migrations folder of the test's own, with helpers to generate a migration
/// from a schema, apply it with the runner, and compare the live schema with the snapshot.
/// </summary>
public abstract class MigrationTestBase : DatabaseTestBase
{
    private protected string Folder { get; private set; } = null!;

    private protected MigrationDirectory Migrations => new(Folder);

    private protected Database Database { get; private set; } = null!;

    [SetUp]
    public async Task StartEmptyAsync()
    {
        Folder = Directory.CreateTempSubdirectory("aksara-migrations-").FullName;
        await ExecuteAsync(
            """
            DO $$
            DECLARE s text;
            BEGIN
              FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND nspname NOT LIKE 'pg\_%' LOOP
                EXECUTE format('DROP SCHEMA %I CASCADE', s);
              END LOOP;
            END $$;
            DROP SCHEMA public CASCADE;
            CREATE SCHEMA public;
            DROP EXTENSION IF EXISTS btree_gin;
            DROP EXTENSION IF EXISTS btree_gist;
            """);
        Database = new Database(new AksaraOptions { DatabaseUrl = DatabaseUrl, PoolMinSize = 0, PoolMaxSize = 10 });
    }

    [TearDown]
    public async Task CleanUpAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private protected MigrationRunner Runner(Action<MigrationRunnerBuilder>? configure = null)
    {
        var builder = MigrationRunner.For(Database).FromDirectory(Folder);
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Generates the migration from the current snapshot to <paramref name="models"/> and writes it.</summary>
    private protected GeneratedMigration Generate(DatabaseSchema models, DiffOptions? options = null)
    {
        var generator = new MigrationGenerator(Migrations);
        var migration = generator.Generate(models, options ?? new DiffOptions());
        Assert.That(migration.HasChanges, Is.True, "the models should differ from the snapshot");
        generator.Write(migration);
        return migration;
    }

    /// <summary>Generates, applies, and checks that the live schema is exactly the snapshot.</summary>
    private protected async Task<GeneratedMigration> MigrateToAsync(DatabaseSchema models, DiffOptions? options = null)
    {
        var migration = Generate(models, options);
        var result = await Runner().MigrateAsync();
        Assert.That(result.Error, Is.Null, migration.Script);
        Assert.That(result.Applied.Select(applied => applied.Name), Is.EqualTo(migration.Scripts.Select(script => script.Name)));
        await AssertLiveSchemaIsSnapshotAsync();
        return migration;
    }

    private protected async Task AssertLiveSchemaIsSnapshotAsync()
    {
        var report = await CheckDriftAsync();
        Assert.That(report.Lines, Is.Empty, "live schema differs from the snapshot");
        Assert.That(report.Unmanaged, Is.Empty, "tables outside the snapshot");
    }

    /// <summary>The drift check against the snapshot in the migrations folder, as <c>aksara migrate --check</c> runs it.</summary>
    private protected async Task<DriftReport> CheckDriftAsync(QualifiedName? journalTable = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await DriftCheck.RunAsync(connection, Migrations.ReadSnapshot().Schema, journalTable ?? SchemaIntrospector.DefaultJournalTable);
    }

    private protected async Task<DatabaseSchema> ReadLiveSchemaAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await SchemaIntrospector.ReadAsync(connection);
    }

    /// <summary>A schema as text that two equal schemas share, whatever order their columns were added in.</summary>
    private protected static string Canonical(DatabaseSchema schema) => new SchemaSnapshot(new DatabaseSchema(schema.Tables.Select(table =>
        table with { Columns = table.Columns.OrderBy(column => column.Name, StringComparer.Ordinal).ToList() })), null).ToJson();

    private protected async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private protected async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private protected async Task<List<string>> JournalAsync()
    {
        if (!await ScalarAsync<bool>("SELECT to_regclass('public.aksara_migrations') IS NOT NULL"))
            return [];
        var names = new List<string>();
        await using var command = DataSource.CreateCommand("SELECT name || ':' || checksum FROM aksara_migrations ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Runs <paramref name="command"/> in-process with <paramref name="args"/>, as a user would: exit code, output, errors.</summary>
    private protected static async Task<(int Exit, string Output, string Error)> RunCommandAsync(Command command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await new RootCommand { command }.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary><c>aksara migrate</c> on this test's database and folder, on a non-terminal (as under CI): nothing is asked.</summary>
    private protected Task<(int Exit, string Output, string Error)> MigrateAsync(params string[] args) =>
        RunCommandAsync(MigrateCommand.Create(TextReader.Null, () => false), ["migrate", "--database-url", DatabaseUrl, "--migrations-dir", Folder, .. args]);

    private protected void WriteScript(string fileName, string sql) => File.WriteAllText(Path.Combine(Folder, fileName), sql);

    private protected static NpgsqlConnection Connection(string connectionString) => new(connectionString);
}
