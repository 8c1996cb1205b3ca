using System.Text.Json;
using Aksara.Cli.Commands;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

/// <summary>
/// <c>aksara migrate --to</c> and its companions (<c>--dry-run</c>, <c>--fake</c>, <c>--yes</c>, <c>sqlmigrate --down</c>,
/// <c>--json</c>) as a user runs them, in-process, against a real database: what each prints, exits with, and leaves in the
/// schema and the journal.
/// </summary>
public class MigrateToCommandTests : MigrationTestBase
{
    /// <summary>migrate at a terminal where the user types <paramref name="answers"/>.</summary>
    private Task<(int Exit, string Output, string Error)> MigrateAtTerminalAsync(string answers, params string[] args) =>
        RunCommandAsync(MigrateCommand.Create(new StringReader(answers), () => true), ["migrate", "--database-url", DatabaseUrl, "--migrations-dir", Folder, .. args]);

    private Task<bool> ExistsAsync(string table) => ScalarAsync<bool>($"SELECT to_regclass('public.{table}') IS NOT NULL");

    private async Task<List<string>> JournalNamesAsync() => (await JournalAsync()).Select(row => row[..row.LastIndexOf(':')]).ToList();

    /// <summary>Three reversible migrations, each creating one table (a, b, c).</summary>
    private void WriteThree()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        WriteScript("0001_a.down.sql", "DROP TABLE a;");
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);");
        WriteScript("0002_b.down.sql", "DROP TABLE b;");
        WriteScript("0003_c.sql", "CREATE TABLE c (id int);");
        WriteScript("0003_c.down.sql", "DROP TABLE c;");
    }

    [Test]
    public async Task To_a_middle_migration_applies_only_up_to_it_then_back_reverts_newest_first()
    {
        WriteThree();

        var forward = await MigrateAsync("--to", "0002_b");
        var journalAfterForward = await JournalNamesAsync();
        var tablesAfterForward = (await ExistsAsync("a"), await ExistsAsync("b"), await ExistsAsync("c"));
        await MigrateAsync();
        var back = await MigrateAsync("--to", "0001_a");

        Assert.That(forward.Exit, Is.Zero, forward.Error);
        Assert.That(journalAfterForward, Is.EqualTo(new[] { "0001_a", "0002_b" }));
        Assert.That(tablesAfterForward, Is.EqualTo((true, true, false)));
        Assert.That(back.Exit, Is.Zero, back.Error);
        Assert.That(back.Output.IndexOf("reverted 0003_c", StringComparison.Ordinal), Is.GreaterThanOrEqualTo(0).And.LessThan(back.Output.IndexOf("reverted 0002_b", StringComparison.Ordinal)),
            "newest first");
        Assert.That(back.Output, Does.Contain("Reverted 2 migrations."));
        Assert.That(await JournalNamesAsync(), Is.EqualTo(new[] { "0001_a" }));
        Assert.That((await ExistsAsync("a"), await ExistsAsync("b"), await ExistsAsync("c")), Is.EqualTo((true, false, false)));
    }

    [Test]
    public async Task To_zero_reverts_everything_and_to_the_current_one_is_a_no_op()
    {
        WriteThree();
        await MigrateAsync();

        var same = await MigrateAsync("--to", "0003_c");
        var zero = await MigrateAsync("--to", "zero");

        Assert.That(same.Exit, Is.Zero, same.Error);
        Assert.That(same.Output, Does.Contain("No migrations to apply."));
        Assert.That(zero.Exit, Is.Zero, zero.Error);
        Assert.That(await JournalNamesAsync(), Is.Empty);
        Assert.That((await ExistsAsync("a"), await ExistsAsync("b"), await ExistsAsync("c")), Is.EqualTo((false, false, false)));
        Assert.That((await MigrateAsync("--list")).Output.Trim().Split(Environment.NewLine), Is.All.StartWith("[ ]"));
    }

    [Test]
    public async Task To_a_number_finds_the_migration_and_an_unknown_target_exits_1_listing_the_known_names()
    {
        WriteThree();

        var byNumber = await MigrateAsync("--to", "2");
        var unknown = await MigrateAsync("--to", "0009_nope");

        Assert.That(byNumber.Exit, Is.Zero, byNumber.Error);
        Assert.That(await JournalNamesAsync(), Is.EqualTo(new[] { "0001_a", "0002_b" }));
        Assert.That(unknown.Exit, Is.EqualTo(1));
        Assert.That(unknown.Error, Does.Contain("0009_nope").And.Contain("0001_a").And.Contain("0002_b").And.Contain("0003_c"));
        Assert.That(await JournalNamesAsync(), Is.EqualTo(new[] { "0001_a", "0002_b" }), "an unknown target changes nothing");
    }

    [Test]
    public async Task Dry_run_to_an_earlier_migration_prints_the_down_sql_and_changes_nothing()
    {
        WriteThree();
        await MigrateAsync();
        var journalBefore = await JournalAsync();

        var dryRun = await MigrateAsync("--dry-run", "--to", "0001");

        Assert.That(dryRun.Exit, Is.Zero, dryRun.Error);
        Assert.That(dryRun.Output, Does.Contain("revert 0003_c").And.Contain("DROP TABLE c;").And.Contain("revert 0002_b").And.Contain("DROP TABLE b;"));
        Assert.That(dryRun.Output, Does.Not.Contain("DROP TABLE a;"));
        Assert.That(await JournalAsync(), Is.EqualTo(journalBefore));
        Assert.That((await ExistsAsync("b"), await ExistsAsync("c")), Is.EqualTo((true, true)));
    }

    [Test]
    public async Task Fake_to_forward_records_only_up_to_the_target_and_back_unrecords_without_running_the_down()
    {
        WriteThree();

        var forward = await MigrateAsync("--fake", "--to", "0002_b");
        var journalAfterForward = await JournalNamesAsync();
        var anyTable = await ExistsAsync("a") || await ExistsAsync("b");
        await ExecuteAsync("CREATE TABLE a (id int); CREATE TABLE b (id int);");
        var back = await MigrateAsync("--fake", "--to", "0001_a");

        Assert.That(forward.Exit, Is.Zero, forward.Error);
        Assert.That(journalAfterForward, Is.EqualTo(new[] { "0001_a", "0002_b" }), "never every pending one");
        Assert.That(anyTable, Is.False, "--fake runs no SQL");
        Assert.That(back.Exit, Is.Zero, back.Error);
        Assert.That(back.Output, Does.Contain("0002_b un-recorded"));
        Assert.That(await JournalNamesAsync(), Is.EqualTo(new[] { "0001_a" }));
        Assert.That(await ExistsAsync("b"), Is.True, "the down script did not run");
    }

    /// <summary>A generated migration (its down drops the table, marked aksara:destructive) over one written by hand, whose rows the down would lose.</summary>
    private async Task<string> ArrangeGeneratedDestructiveDownAsync()
    {
        WriteScript("0001_keep.sql", "CREATE TABLE keep (id int);");
        WriteScript("0001_keep.down.sql", "DROP TABLE keep;");
        Assert.That((await MigrateAsync()).Exit, Is.Zero);
        var generated = Generate(Db(Table("customers", Id(), Text("name"))));
        Assert.That(File.ReadAllText(Path.Combine(Folder, generated.Name + ".down.sql")), Does.Contain("aksara:destructive"), "the generator marks the drop");
        Assert.That((await MigrateAsync()).Exit, Is.Zero);
        await ExecuteAsync("INSERT INTO customers (name) VALUES ('Ada')");
        return generated.Name;
    }

    [Test]
    public async Task A_destructive_down_on_a_non_terminal_without_yes_exits_2_and_changes_nothing()
    {
        var name = await ArrangeGeneratedDestructiveDownAsync();
        var journalBefore = await JournalAsync();

        var refused = await MigrateAsync("--to", "0001_keep");

        Assert.That(refused.Exit, Is.EqualTo(2));
        Assert.That(refused.Error, Does.Contain(name).And.Contain("--yes"));
        Assert.That(await JournalAsync(), Is.EqualTo(journalBefore));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM customers"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_down_marked_destructive_in_its_header_is_refused_too_and_yes_reverts_it()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        WriteScript("0001_a.down.sql", "-- aksara:destructive\nDROP TABLE a;");
        await MigrateAsync();

        var refused = await MigrateAsync("--to", "zero");
        var journalAfterRefusal = await JournalNamesAsync();
        var confirmed = await MigrateAsync("--to", "zero", "--yes");

        Assert.That(refused.Exit, Is.EqualTo(2));
        Assert.That(refused.Error, Does.Contain("0001_a").And.Contain("--yes"));
        Assert.That(journalAfterRefusal, Is.EqualTo(new[] { "0001_a" }));
        Assert.That(confirmed.Exit, Is.Zero, confirmed.Error);
        Assert.That(await JournalNamesAsync(), Is.Empty);
        Assert.That(await ExistsAsync("a"), Is.False);
    }

    [Test]
    public async Task At_a_terminal_answering_no_changes_nothing_and_yes_reverts()
    {
        var name = await ArrangeGeneratedDestructiveDownAsync();
        var journalBefore = await JournalAsync();

        var no = await MigrateAtTerminalAsync("n\n", "--to", "0001_keep");
        var journalAfterNo = await JournalAsync();
        var customersAfterNo = await ExistsAsync("customers");
        var yes = await MigrateAtTerminalAsync("y\n", "--to", "0001_keep");

        Assert.That(no.Output, Does.Contain($"Revert {name}? It ").And.Contain("[y/N]"));
        Assert.That(no.Exit, Is.Not.Zero);
        Assert.That(journalAfterNo, Is.EqualTo(journalBefore));
        Assert.That(customersAfterNo, Is.True);
        Assert.That(yes.Exit, Is.Zero, yes.Error);
        Assert.That(await JournalNamesAsync(), Is.EqualTo(new[] { "0001_keep" }));
        Assert.That(await ExistsAsync("customers"), Is.False);
        Assert.That(await ExistsAsync("keep"), Is.True);
    }

    [Test]
    public async Task Going_back_across_an_irreversible_migration_exits_1_naming_it_and_changes_nothing()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);");
        WriteScript("0001_a.down.sql", "DROP TABLE a;");
        WriteScript("0002_no_down.sql", "CREATE TABLE b (id int);");
        WriteScript("0003_marked.sql", "-- aksara:irreversible\nCREATE TABLE c (id int);");
        WriteScript("0003_marked.down.sql", "DROP TABLE c;");
        await MigrateAsync();

        var toSecond = await MigrateAsync("--to", "0002_no_down");
        var toFirst = await MigrateAsync("--to", "0001_a");

        Assert.That(toSecond.Exit, Is.EqualTo(1));
        Assert.That(toSecond.Error, Does.Contain("0003_marked"));
        Assert.That(toFirst.Exit, Is.EqualTo(1));
        Assert.That(toFirst.Error, Does.Contain("0003_marked"), "the newest is the first in the way");
        Assert.That(await JournalNamesAsync(), Is.EqualTo(new[] { "0001_a", "0002_no_down", "0003_marked" }));
        Assert.That((await ExistsAsync("b"), await ExistsAsync("c")), Is.EqualTo((true, true)), "not even the reversible part was reverted");
    }

    [TestCase("--yes")]
    [TestCase("--resolve", "0001_a")]
    [TestCase("--check", "--to", "0001_a")]
    [TestCase("--list", "--to", "0001_a")]
    [TestCase("--applied")]
    [TestCase("--resolve", "0001_a", "--applied", "--rolled-back")]
    public async Task Options_that_do_not_go_together_exit_2_and_touch_nothing(params string[] args)
    {
        WriteThree();

        var result = await MigrateAsync(args);

        Assert.That(result.Exit, Is.EqualTo(2), result.Output + result.Error);
        Assert.That(result.Error, Does.StartWith("error: "));
        Assert.That(await ExistsAsync("aksara_migrations"), Is.False);
    }

    [Test]
    public async Task Sqlmigrate_down_prints_the_down_script_and_exits_1_when_there_is_none()
    {
        WriteScript("0001_a.sql", "CREATE TABLE a (id int);\n");
        WriteScript("0001_a.down.sql", "DROP TABLE a;\n");
        WriteScript("0002_b.sql", "CREATE TABLE b (id int);\n");

        var down = await RunCommandAsync(SqlMigrateCommand.Create(), "sqlmigrate", "0001_a", "--down", "--dir", Folder);
        var none = await RunCommandAsync(SqlMigrateCommand.Create(), "sqlmigrate", "0002", "--down", "--dir", Folder);

        Assert.That((down.Exit, down.Output), Is.EqualTo((0, "DROP TABLE a;\n")));
        Assert.That(none.Exit, Is.EqualTo(1));
        Assert.That(none.Output, Is.Empty);
        Assert.That(none.Error, Does.Contain("0002_b").And.Contain("no down script").And.Contain("0002_b.down.sql"));
    }

    [Test]
    public async Task Json_reports_the_applied_and_reverted_names_as_parseable_json()
    {
        WriteThree();

        var up = await MigrateAsync("--json");
        var back = await MigrateAsync("--json", "--to", "0002_b");
        var failing = await MigrateAsync("--json", "--to", "0009_nope");

        Assert.That(up.Exit, Is.Zero, up.Error);
        using (var json = JsonDocument.Parse(up.Output))
        {
            Assert.That(json.RootElement.GetProperty("successful").GetBoolean(), Is.True);
            Assert.That(json.RootElement.GetProperty("applied").EnumerateArray().Select(item => item.GetProperty("name").GetString()),
                Is.EqualTo(new[] { "0001_a", "0002_b", "0003_c" }));
            Assert.That(json.RootElement.GetProperty("applied").EnumerateArray().Select(item => item.GetProperty("ms").GetInt64()), Is.All.GreaterThanOrEqualTo(0));
            Assert.That(json.RootElement.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
        using (var json = JsonDocument.Parse(back.Output))
        {
            Assert.That(json.RootElement.GetProperty("reverted").EnumerateArray().Select(item => item.GetProperty("name").GetString()), Is.EqualTo(new[] { "0003_c" }));
            Assert.That(json.RootElement.GetProperty("applied").GetArrayLength(), Is.Zero);
        }
        Assert.That(failing.Exit, Is.EqualTo(1));
        Assert.That(await JournalNamesAsync(), Is.EqualTo(new[] { "0001_a", "0002_b" }));
    }

    [Test]
    public async Task Hostile_names_and_content_survive_up_and_down()
    {
        const string name = "0002_o'brien; DROP TABLE keep; -- ünïcødé ✓";
        WriteScript("0001_keep.sql", "CREATE TABLE keep (id int);");
        WriteScript("0001_keep.down.sql", "DROP TABLE keep;");
        WriteScript(name + ".sql",
            "-- Grüße, 日本語\nCREATE TABLE notes (body text);\nINSERT INTO notes VALUES ('''; DROP TABLE keep; --'), ('日本語 ✓ Grüße');\n");
        WriteScript(name + ".down.sql", "DELETE FROM notes WHERE body = '''; DROP TABLE keep; --';\nDROP TABLE notes;\n");

        var up = await MigrateAsync();
        var bodies = await ScalarAsync<string>("SELECT string_agg(body, '|' ORDER BY body) FROM notes");
        var journalAfterUp = await JournalNamesAsync();
        var list = await MigrateAsync("--list");
        var back = await MigrateAsync("--to", "0001");

        Assert.That(up.Exit, Is.Zero, up.Error);
        Assert.That(bodies, Is.EqualTo("'; DROP TABLE keep; --|日本語 ✓ Grüße"));
        Assert.That(journalAfterUp, Is.EqualTo(new[] { "0001_keep", name }));
        Assert.That(list.Output, Does.Contain("[X] " + name));
        Assert.That(back.Exit, Is.Zero, back.Error);
        Assert.That(await JournalNamesAsync(), Is.EqualTo(new[] { "0001_keep" }));
        Assert.That((await ExistsAsync("keep"), await ExistsAsync("notes")), Is.EqualTo((true, false)));
        Assert.That((await MigrateAsync("--to", name)).Exit, Is.Zero, "the hostile name works as a target");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM notes"), Is.EqualTo(2));
    }
}
