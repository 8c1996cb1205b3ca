using System.Text.Json;
using static Aksara.Tests.Migrations.SchemaBuilder;

namespace Aksara.Tests.Migrations;

/// <summary><c>aksara migrate --check</c> against a database that someone changed by hand: exit codes, lines, JSON, <c>--no-drift</c>.</summary>
public class DriftCommandTests : MigrationTestBase
{
    private Task<(int Exit, string Output, string Error)> CheckAsync(params string[] args) => MigrateAsync(["--check", .. args]);

    private async Task MigrateCustomersAsync()
    {
        await MigrateToAsync(Db(Table("customers", Id(), Text("full_name"), Text("email", nullable: true))));
        await ExecuteAsync("INSERT INTO customers (full_name, email) VALUES ('O''Brien', 'o@example.com'), ('Zoë', NULL)");
    }

    [Test]
    public async Task A_hand_added_column_is_drift_until_it_is_dropped_again()
    {
        await MigrateCustomersAsync();
        var clean = await CheckAsync();

        await ExecuteAsync("ALTER TABLE customers ADD COLUMN sneaky integer");
        var drifted = await CheckAsync();
        var json = await CheckAsync("--json");
        var skipped = await CheckAsync("--no-drift");
        await ExecuteAsync("ALTER TABLE customers DROP COLUMN sneaky");
        var cleanAgain = await CheckAsync();

        Assert.That((clean.Exit, clean.Output.Trim()), Is.EqualTo((0, "Migrations are up to date.")), clean.Error);
        Assert.That(drifted.Exit, Is.EqualTo(1));
        Assert.That(drifted.Output, Does.Contain("drift: customers.sneaky: column exists in the database but not in the snapshot"));
        using (var report = JsonDocument.Parse(json.Output))
        {
            Assert.That(report.RootElement.GetProperty("up_to_date").GetBoolean(), Is.False);
            var difference = report.RootElement.GetProperty("drift").GetProperty("differences").EnumerateArray().Single();
            Assert.That(difference.GetProperty("kind").GetString(), Is.EqualTo("column_extra"));
            Assert.That(difference.GetProperty("table").GetString(), Is.EqualTo("customers"));
            Assert.That(difference.GetProperty("object").GetString(), Is.EqualTo("sneaky"));
        }
        Assert.That(skipped.Exit, Is.Zero, "--no-drift compares nothing");
        Assert.That(cleanAgain.Exit, Is.Zero, cleanAgain.Output);
    }

    [Test]
    public async Task A_changed_type_and_an_invalid_index_each_fail_the_check_and_an_unmanaged_table_does_not()
    {
        await MigrateCustomersAsync();
        await ExecuteAsync("CREATE TABLE audit_log (id bigint, note text)");
        var unmanaged = await CheckAsync();

        await ExecuteAsync("ALTER TABLE customers ALTER COLUMN email TYPE varchar(100)");
        var typeChanged = await CheckAsync();
        await ExecuteAsync("ALTER TABLE customers ALTER COLUMN email TYPE text");

        await ExecuteAsync("INSERT INTO customers (full_name, email) VALUES ('dup', 'o@example.com')");
        Assert.That(async () => await ExecuteAsync("CREATE UNIQUE INDEX CONCURRENTLY ux_customers_email ON customers (email)"), Throws.Exception,
            "the duplicate makes the concurrent build fail and leave an INVALID index");
        var invalid = await CheckAsync();

        Assert.That(unmanaged.Exit, Is.Zero, unmanaged.Output);
        Assert.That(unmanaged.Output, Does.Contain("audit_log"));
        Assert.That(typeChanged.Exit, Is.EqualTo(1));
        Assert.That(typeChanged.Output, Does.Contain("drift: customers.email: column is varchar(100) in the database, text in the snapshot"));
        Assert.That(invalid.Exit, Is.EqualTo(1));
        Assert.That(invalid.Output, Does.Contain("drift: customers.ux_customers_email: index is INVALID"));
    }

    [Test]
    public async Task Drift_is_not_compared_before_the_database_reaches_the_snapshot()
    {
        await MigrateCustomersAsync();
        await MigrateToAsync(Db(Table("customers", Id(), Text("full_name"), Text("email", nullable: true), Text("phone", nullable: true))));
        var latest = Migrations.ListScripts()[^1].Name;
        var reverted = await Runner().MigrateToAsync("1", allowDestructive: true);
        Assert.That(reverted.Error, Is.Null);

        var check = await CheckAsync("--json");

        using var report = JsonDocument.Parse(check.Output);
        Assert.That(check.Exit, Is.EqualTo(1), "the newest migration is pending");
        Assert.That(report.RootElement.GetProperty("problems").EnumerateArray().Select(problem => (problem.GetProperty("code").GetString(), problem.GetProperty("message").GetString())),
            Is.EqualTo(new[] { ("pending", $"{latest} is pending") }));
        Assert.That(report.RootElement.GetProperty("drift_skipped").GetString(), Does.Contain(latest));
    }
}
