using Aksara.Migrations.Scripts;

namespace Aksara.Tests.Modules;

/// <summary>The journal of a version before modules (keyed by name alone) takes a module's migration of the same name, upgraded in place.</summary>
public class ModuleJournalTests : Migrations.MigrationTestBase
{
    private const string AppScript = "CREATE TABLE public.notes (id integer PRIMARY KEY);\n";
    private const string ModuleScript = "CREATE SCHEMA auth;\nCREATE TABLE auth.users (id integer PRIMARY KEY);\n";

    [Test]
    public async Task An_existing_journal_gains_the_module_column_and_keeps_its_rows_as_the_applications()
    {
        WriteScript("0001_initial.sql", AppScript);
        await ExecuteAsync(AppScript);
        // The journal exactly as the previous version created it, with the app's migration applied.
        await ExecuteAsync(
            $"""
            CREATE TABLE public.aksara_migrations (
                name text NOT NULL PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), execution_ms integer,
                down_checksum text, state text NOT NULL DEFAULT 'applied');
            INSERT INTO public.aksara_migrations (name, checksum, execution_ms) VALUES ('0001_initial', '{ScriptChecksum.Compute(AppScript)}', 3);
            """);
        var moduleFolder = Path.Combine(Folder, MigrationDirectory.ModulesFolder, "auth");
        Directory.CreateDirectory(moduleFolder);
        File.WriteAllText(Path.Combine(moduleFolder, "0001_initial.sql"), ModuleScript);

        var result = await Runner().MigrateAsync();
        var statuses = await Runner().GetStatusAsync();
        var rows = await FetchRowsAsync("SELECT module || '|' || name FROM public.aksara_migrations ORDER BY module, name");
        var key = await FetchRowsAsync(
            """
            SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.conrelid = 'public.aksara_migrations'::regclass AND c.contype = 'p' ORDER BY a.attname
            """);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Applied.Select(applied => applied.Name), Is.EqualTo(new[] { "auth:0001_initial" }), "the app's 0001_initial stays applied; the module's of the same name is new");
        Assert.That(rows, Is.EqualTo(new[] { "|0001_initial", "auth|0001_initial" }));
        Assert.That(key, Is.EqualTo(new[] { "module", "name" }));
        Assert.That(statuses.Select(status => (status.Name, status.State)),
            Is.EqualTo(new[] { ("auth:0001_initial", MigrationState.Applied), ("0001_initial", MigrationState.Applied) }));
        Assert.That(await Runner().CheckAsync(), Is.Empty);
    }

    [Test]
    public async Task A_module_migration_is_reverted_alone_by_naming_it()
    {
        WriteScript("0001_initial.sql", AppScript);
        WriteScript("0001_initial.down.sql", "DROP TABLE public.notes;\n");
        var moduleFolder = Path.Combine(Folder, MigrationDirectory.ModulesFolder, "auth");
        Directory.CreateDirectory(moduleFolder);
        File.WriteAllText(Path.Combine(moduleFolder, "0001_initial.sql"), ModuleScript);
        File.WriteAllText(Path.Combine(moduleFolder, "0001_initial.down.sql"), "DROP SCHEMA auth CASCADE;\n");
        Assert.That((await Runner().MigrateAsync()).Error, Is.Null);

        var reverted = await Runner().MigrateToAsync("auth:zero", allowDestructive: true);

        Assert.That(reverted.Error, Is.Null);
        Assert.That(reverted.Reverted.Select(migration => migration.Name), Is.EqualTo(new[] { "auth:0001_initial" }));
        Assert.That((await Runner().GetStatusAsync()).Select(status => (status.Name, status.State)),
            Is.EqualTo(new[] { ("auth:0001_initial", MigrationState.Pending), ("0001_initial", MigrationState.Applied) }));
    }

    [Test]
    public async Task A_module_migration_an_applied_app_migration_depends_on_is_not_reverted()
    {
        var moduleFolder = Path.Combine(Folder, MigrationDirectory.ModulesFolder, "auth");
        Directory.CreateDirectory(moduleFolder);
        File.WriteAllText(Path.Combine(moduleFolder, "0001_initial.sql"), ModuleScript);
        File.WriteAllText(Path.Combine(moduleFolder, "0001_initial.down.sql"), "DROP SCHEMA auth CASCADE;\n");
        WriteScript("0001_initial.sql", "-- aksara:depends-on auth:0001_initial\nCREATE TABLE public.posts (id integer PRIMARY KEY, author_id integer REFERENCES auth.users (id));\n");
        WriteScript("0001_initial.down.sql", "DROP TABLE public.posts;\n");
        Assert.That((await Runner().MigrateAsync()).Error, Is.Null);

        var refused = await Runner().MigrateToAsync("auth:zero", allowDestructive: true);

        Assert.That(refused.Error?.Message, Does.Contain("0001_initial depends on auth:0001_initial").And.Contain("Nothing was changed"));
        Assert.That(refused.Reverted, Is.Empty);
        Assert.That(await Runner().CheckAsync(), Is.Empty);
    }

    [Test]
    public async Task An_app_migration_whose_module_migration_is_missing_is_refused_before_anything_runs()
    {
        WriteScript("0001_initial.sql", "-- aksara:depends-on auth:0001_initial\nCREATE TABLE public.posts (id integer PRIMARY KEY);\n");

        var refused = await Runner().MigrateAsync();

        Assert.That(refused.Error?.Message, Does.Contain("0001_initial depends on auth:0001_initial, which is not in the migrations").And.Contain("aksara makemigrations"));
        Assert.That(refused.Applied, Is.Empty);
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.posts') IS NULL"), Is.True);
    }

    private async Task<List<string>> FetchRowsAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
