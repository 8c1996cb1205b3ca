using System.Text.Json;
using Aksara.Cli.Commands;

namespace Aksara.Tests.Migrations;

/// <summary>The migration commands as a user runs them: arguments in, output, errors and exit code out.</summary>
public class MigrationCommandTests : MigrationTestBase
{
    [Test]
    public async Task Migrate_applies_each_script_with_its_time_then_has_nothing_to_do_and_checks_clean()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);");

        var first = await MigrateAsync();
        var second = await MigrateAsync();
        var check = await MigrateAsync("--check");

        Assert.That(first.Exit, Is.Zero, first.Error);
        Assert.That(first.Output, Does.Match(@"0001_a \.\.\. \d+ ms").And.Match(@"0002_b \.\.\. \d+ ms").And.Contain("Applied 2 migrations."));
        Assert.That(first.Output, Does.Not.Contain(Server.GetConnectionString(DatabaseName).Split("Password=").Last().Split(';')[0]), "no password in the output");
        Assert.That(second.Output, Does.Contain("No migrations to apply."));
        Assert.That((check.Exit, check.Output.Trim()), Is.EqualTo((0, "Migrations are up to date.")));
    }

    [Test]
    public async Task Check_exits_1_listing_pending_and_edited_scripts()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        await MigrateAsync();
        WriteScript("0001_a.sql", "CREATE TABLE a (id bigint);");
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);");

        var check = await MigrateAsync("--check");
        var json = await MigrateAsync("--check", "--json");

        Assert.That(check.Exit, Is.EqualTo(1));
        Assert.That(check.Output, Does.Contain("0001_a was modified after it was applied").And.Contain("0002_b is pending"));
        using var report = JsonDocument.Parse(json.Output);
        Assert.That(report.RootElement.GetProperty("up_to_date").GetBoolean(), Is.False);
        Assert.That(report.RootElement.GetProperty("problems").EnumerateArray().Select(problem => problem.GetProperty("code").GetString()), Is.EqualTo(new[] { "modified", "pending" }));
    }

    [Test]
    public async Task List_and_showmigrations_mark_each_script()
    {
        WriteScript("0001_initial.sql", "CREATE TABLE a (id int);");
        WriteScript("0001_initial.down.sql", "DROP TABLE a;");
        WriteScript("0002_edited.sql", "CREATE TABLE b (id int);");
        WriteScript("0003_gone.sql", "CREATE TABLE c (id int);");
        await MigrateAsync();
        WriteScript("0002_edited.sql", "CREATE TABLE b (id bigint);");
        File.Delete(Path.Combine(Folder, "0003_gone.sql"));
        WriteScript("0004_new.sql", "CREATE TABLE d (id int);");

        var list = await MigrateAsync("--list");
        var show = await RunCommandAsync(ShowMigrationsCommand.Create(), "showmigrations", "--database-url", DatabaseUrl, "--dir", Folder, "--json");

        var lines = list.Output.Trim().Split(Environment.NewLine);
        Assert.That(lines[0], Does.Match(@"^\[X\] 0001_initial  \d{4}-\d{2}-\d{2} \d{2}:\d{2}$"));
        Assert.That(lines[1], Does.StartWith("[!] 0002_edited").And.Contain("modified after it was applied"));
        Assert.That(lines[2], Does.StartWith("[?] 0003_gone").And.Contain("applied but missing"));
        Assert.That(lines[3], Is.EqualTo("[ ] 0004_new      (irreversible)"), "no down script: it cannot be reverted");
        using var json = JsonDocument.Parse(show.Output);
        Assert.That(json.RootElement.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("state").GetString()),
            Is.EqualTo(new[] { "applied", "modified", "missing", "pending" }));
        Assert.That(json.RootElement.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("reversible").GetBoolean()),
            Is.EqualTo(new[] { true, false, false, false }));
    }

    [Test]
    public async Task Dry_run_prints_the_sql_and_changes_nothing_and_fake_records_without_running()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");

        var dryRun = await MigrateAsync("--dry-run");
        var fake = await MigrateAsync("--fake");

        Assert.That(dryRun.Output, Does.Contain("0001_a").And.Contain("CREATE TABLE a (id int);"));
        Assert.That(fake.Output, Does.Contain("0001_a as applied (not run)"));
        Assert.That(await ScalarAsync<bool>("SELECT to_regclass('public.a') IS NULL"), Is.True);
        Assert.That((await MigrateAsync("--check")).Exit, Is.Zero);
    }

    [Test]
    public async Task A_failing_script_exits_1_showing_the_line_and_the_postgres_error()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);\n\nINSERT INTO a VALUES ('not a number');\n");

        var result = await MigrateAsync();

        Assert.That(result.Exit, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain("0001_a failed at line 3").And.Contain("invalid input syntax for type integer").And.Contain("rolled back"));
    }

    [Test]
    public async Task An_unreachable_database_exits_4_without_showing_the_password()
    {
        var result = await RunCommandAsync(MigrateCommand.Create(), "migrate", "--database-url", "postgresql://someone:s3cret-pw@127.0.0.1:1/app", "--migrations-dir", Folder);

        Assert.That(result.Exit, Is.EqualTo(4), result.Error);
        Assert.That(result.Error, Does.Not.Contain("s3cret-pw"));
    }

    [Test]
    public async Task Modes_that_exclude_each_other_are_a_usage_error()
    {
        var result = await MigrateAsync("--check", "--list");

        Assert.That(result.Exit, Is.EqualTo(2));
    }

    [Test]
    public async Task Sqlmigrate_prints_one_script_by_name_or_number()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);\n");

        var byNumber = await RunCommandAsync(SqlMigrateCommand.Create(), "sqlmigrate", "0001", "--dir", Folder);
        var missing = await RunCommandAsync(SqlMigrateCommand.Create(), "sqlmigrate", "0009_x", "--dir", Folder);

        Assert.That((byNumber.Exit, byNumber.Output), Is.EqualTo((0, "CREATE TABLE a (id int);\n")));
        Assert.That(missing.Exit, Is.EqualTo(1));
        Assert.That(missing.Error, Does.Contain("0001_a"));
    }

    [Test]
    public async Task Makemigrations_with_a_missing_app_is_a_usage_error()
    {
        var result = await RunCommandAsync(MakeMigrationsCommand.Create(TextReader.Null, () => false), "makemigrations", "--app", Path.Combine(Folder, "nope"), "-o", Folder);

        Assert.That(result.Exit, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("does not exist"));
    }
}
