using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aksara.Tests.Cli;

/// <summary>
/// The <c>aksara</c> process as scripts and CI see it: every <c>--json</c> is one parseable document with snake_case names,
/// problems as <c>{"code", "message"}</c> objects and <c>+</c> left unescaped; no colour or carriage return unless a terminal
/// (or <c>AKSARA_FORCE_COLOR</c>) asks for it, and none at all under <c>NO_COLOR</c>.
/// </summary>
[NonParallelizable]
public sealed partial class CliJsonAndColourTests : DatabaseTestBase
{
    private const string Script = "CREATE TABLE notes (id int PRIMARY KEY);";
    private const char Escape = '\u001b';

    private string _project = null!;

    [SetUp]
    public async Task CreateProjectAsync()
    {
        _project = Directory.CreateTempSubdirectory("aksara-json-").FullName;
        Directory.CreateDirectory(Path.Combine(_project, "migrations"));
        File.WriteAllText(Path.Combine(_project, "migrations", "0001_notes.sql"), Script);
        await using var reset = DataSource.CreateCommand("DROP TABLE IF EXISTS notes, aksara_migrations");
        await reset.ExecuteNonQueryAsync();
    }

    [TearDown]
    public void DeleteProject() => Directory.Delete(_project, recursive: true);

    [Test]
    public async Task Every_report_of_a_migration_is_json_with_snake_case_names_and_the_scripts_as_fields()
    {
        var dryRun = await RunAsync("migrate", "--dry-run", "--json");
        var check = await RunAsync("migrate", "--check", "--json");
        var run = await RunAsync("migrate", "--json");
        var list = await RunAsync("migrate", "--list", "--json");
        var show = await RunAsync("showmigrations", "--json");
        var checkAfter = await RunAsync("migrate", "--check", "--json", "--no-drift");

        Assert.That(new[] { dryRun.ExitCode, check.ExitCode, run.ExitCode, list.ExitCode, show.ExitCode, checkAfter.ExitCode },
            Is.EqualTo(new[] { 0, 1, 0, 0, 0, 0 }), dryRun.Error + check.Error + run.Error);
        using (var json = ParseReport(dryRun.Output))
        {
            var apply = json.RootElement.GetProperty("applies").EnumerateArray().Single();
            Assert.That(apply.GetProperty("name").GetString(), Is.EqualTo("0001_notes"));
            Assert.That(apply.GetProperty("sql").GetString(), Does.Contain(Script));
            Assert.That(apply.GetProperty("in_transaction").GetBoolean(), Is.True);
            Assert.That(json.RootElement.GetProperty("reverts").GetArrayLength(), Is.Zero);
        }
        Assert.That(dryRun.Output, Does.Not.Contain("-- ====="), "--json replaces the SQL listing, it does not precede it");
        using (var json = ParseReport(check.Output))
        {
            Assert.That(json.RootElement.GetProperty("up_to_date").GetBoolean(), Is.False);
            var problem = json.RootElement.GetProperty("problems").EnumerateArray().Single();
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("pending"));
            Assert.That(problem.GetProperty("message").GetString(), Is.EqualTo("0001_notes is pending"));
        }
        using (var json = ParseReport(run.Output))
        {
            Assert.That(json.RootElement.GetProperty("successful").GetBoolean(), Is.True);
            Assert.That(json.RootElement.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
        foreach (var statuses in new[] { list, show })
        {
            using var json = ParseReport(statuses.Output);
            var migration = json.RootElement.GetProperty("migrations").EnumerateArray().Single();
            Assert.That(migration.GetProperty("state").GetString(), Is.EqualTo("applied"));
            Assert.That(migration.GetProperty("applied_at").GetString(), Does.EndWith("+00:00"), "the offset's + is written as it is");
            Assert.That(migration.GetProperty("execution_ms").GetInt64(), Is.GreaterThanOrEqualTo(0));
        }
        using (var json = ParseReport(checkAfter.Output))
            Assert.That(json.RootElement.GetProperty("up_to_date").GetBoolean(), Is.True);
    }

    [TestCase("migrate --json", 4, "connection_failed")]
    [TestCase("migrate --check --json", 4, "connection_failed")]
    [TestCase("migrate --dry-run --json", 4, "connection_failed")]
    [TestCase("showmigrations --json", 4, "connection_failed")]
    [TestCase("inspectdb --json", 4, "connection_failed")]
    [TestCase("dbsetup --host 127.0.0.1 --port {port} --user postgres --database shop --yes --json", 4, "connection_failed")]
    [TestCase("makemigrations --check --json --app no-such-app", 2, "invalid_input")]
    [TestCase("config --json", 3, "configuration_error")]
    [TestCase("db status --json", 1, "not_running")]
    public async Task A_failure_is_reported_as_a_problem_object_with_a_stable_code(string command, int exitCode, string code)
    {
        var port = ClosedPort();
        var args = command.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Split(' ');
        // Nothing listens on that port: the database is unreachable.
        var environment = command.StartsWith("config", StringComparison.Ordinal) ? null
            : new Dictionary<string, string> { ["DATABASE_URL"] = $"postgresql://app:secret@127.0.0.1:{port}/app" };

        var result = await CliRunner.RunAsync(_project, environment, args);

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Output + result.Error);
        using var json = ParseReport(result.Output);
        var problem = json.RootElement.TryGetProperty("error", out var error) ? error : json.RootElement.GetProperty("problem");
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(problem.GetProperty("message").GetString(), Is.Not.Empty);
        Assert.That(result.Output + result.Error, Does.Not.Contain("secret"));
    }

    [Test]
    public async Task Redirected_output_has_no_colour_and_no_carriage_returns_and_says_each_script_on_its_own_line()
    {
        var run = await RunAsync("migrate");
        var failed = await CliRunner.RunAsync(_project, Unreachable(), "migrate");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output + run.Error + failed.Output + failed.Error, Does.Not.Contain(Escape).And.Not.Contain('\r'));
        Assert.That(run.Error, Does.Contain("Applying 0001_notes…" + Environment.NewLine), "a progress step is a plain line in a log");
        Assert.That(failed.Error, Does.StartWith("error: "));
    }

    [Test]
    public async Task AKSARA_FORCE_COLOR_colours_a_redirected_stream_and_NO_COLOR_wins_over_it()
    {
        var forced = await CliRunner.RunAsync(_project, Unreachable(("AKSARA_FORCE_COLOR", "1")), "migrate");
        var noColour = await CliRunner.RunAsync(_project, Unreachable(("AKSARA_FORCE_COLOR", "1"), ("NO_COLOR", "1")), "migrate");
        var forcedJson = await CliRunner.RunAsync(_project, Unreachable(("AKSARA_FORCE_COLOR", "1")), "migrate", "--json");

        Assert.That(forced.ExitCode, Is.EqualTo(4), forced.Error);
        Assert.That(forced.Error, Does.StartWith($"{Escape}[1;31merror:{Escape}[0m "));
        Assert.That(forced.Error, Does.Not.Contain('\r'), "forcing colour does not make a log a terminal to redraw");
        Assert.That(noColour.Error, Does.StartWith("error: ").And.Not.Contain(Escape));
        Assert.That(forcedJson.Output, Does.Not.Contain(Escape), "JSON is never coloured");
        using var json = ParseReport(forcedJson.Output);
    }

    private Task<CliRunner.Result> RunAsync(params string[] args) =>
        CliRunner.RunAsync(_project, new Dictionary<string, string> { ["DATABASE_URL"] = DatabaseUrl }, args);

    private static Dictionary<string, string> Unreachable(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = $"postgresql://app@127.0.0.1:{ClosedPort()}/app" };
        foreach (var (name, value) in more)
            environment[name] = value;
        return environment;
    }

    /// <summary>Parses one report, checking what every report shares: snake_case names and no \u escapes of plain characters.</summary>
    private static JsonDocument ParseReport(string output)
    {
        Assert.That(output, Does.Not.Contain("\\u002B").And.Not.Contain("\\u0026").And.Not.Contain("\\u0027"));
        var json = JsonDocument.Parse(output);
        Assert.That(Names(json.RootElement).Where(name => !SnakeCase().IsMatch(name)), Is.Empty, output);
        return json;
    }

    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Names(property.Value).Prepend(property.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();
}
