using System.Text.Json;

namespace Aksara.Tests.Cli;

public sealed class ConfigCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("aksara-config-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task The_journal_schema_comes_from_AKSARA_MIGRATIONS_SCHEMA_and_says_so()
    {
        var result = await CliRunner.RunAsync(_folder, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgresql://app@localhost/app",
            ["AKSARA_MIGRATIONS_SCHEMA"] = "app",
        }, "config", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        Assert.That(json.RootElement.GetProperty("migrations_schema").GetString(), Is.EqualTo("app"));
        Assert.That(json.RootElement.GetProperty("sources").GetProperty("migrations_schema").GetString(), Is.EqualTo("environment"));
    }

    [Test]
    public async Task Json_output_shows_every_host_the_decoded_user_and_never_the_password()
    {
        const string url = "postgresql://app%40corp:p%40ss%3Aw0rd@[::1]:5433,db2.internal:5434/app?sslmode=require&application_name=shop&target_session_attrs=read-write";
        var result = await CliRunner.RunAsync(_folder, new Dictionary<string, string> { ["DATABASE_URL"] = url }, "config", "--json");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output + result.Error, Does.Not.Contain("p@ss").And.Not.Contain("p%40ss"));
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("hosts").GetArrayLength(), Is.EqualTo(2));
        Assert.That(root.GetProperty("hosts")[0].GetProperty("host").GetString(), Is.EqualTo("::1"));
        Assert.That(root.GetProperty("hosts")[0].GetProperty("port").GetInt32(), Is.EqualTo(5433));
        Assert.That(root.GetProperty("hosts")[1].GetProperty("host").GetString(), Is.EqualTo("db2.internal"));
        Assert.That(root.GetProperty("host").GetString(), Is.EqualTo("::1"));
        Assert.That(root.GetProperty("username").GetString(), Is.EqualTo("app@corp"));
        Assert.That(root.GetProperty("password_set").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("ssl_mode").GetString(), Is.EqualTo("Require"));
        Assert.That(root.GetProperty("application_name").GetString(), Is.EqualTo("shop"));
        Assert.That(root.GetProperty("target_session_attrs").GetString(), Is.EqualTo("read-write"));
        Assert.That(root.GetProperty("database").GetString(), Is.EqualTo("app"));
        Assert.That(root.GetProperty("database_url").GetString(), Does.Contain("***"));
        Assert.That(root.GetProperty("pool_min_size").GetInt32(), Is.EqualTo(5));
        Assert.That(root.GetProperty("pool_max_size").GetInt32(), Is.EqualTo(20));
        Assert.That(root.GetProperty("migrations_dir").GetString(), Is.EqualTo("migrations"));
        Assert.That(root.GetProperty("sources").GetProperty("database_url").GetString(), Is.EqualTo("environment"));
    }

    [Test]
    public async Task Text_output_names_the_source_of_each_value()
    {
        File.WriteAllText(Path.Combine(_folder, ".env"), "DATABASE_URL=postgresql://u:secret@localhost/app\nAKSARA_POOL_MAX_SIZE=9\n");
        var result = await CliRunner.RunAsync(_folder, null, "config");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("postgresql://u:***@localhost/app").And.Not.Contain("secret"));
        Assert.That(result.Output, Does.Match(@"pool_max_size\s+9\s+\(.*\.env\)"));
        Assert.That(result.Output, Does.Match(@"pool_min_size\s+5\s+\(default\)"));
    }

    [Test]
    public async Task No_database_url_exits_3_and_says_where_it_looked()
    {
        var result = await CliRunner.RunAsync(_folder, null, "config", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Error, Does.Contain("DATABASE_URL is not set").And.Contain(".env").And.Contain("appsettings.json"));
    }

    [Test]
    public async Task An_invalid_url_exits_3_with_the_parser_message_and_no_password()
    {
        var result = await CliRunner.RunAsync(_folder, new Dictionary<string, string> { ["DATABASE_URL"] = "postgresql://u:hunter2@host:99999/db" }, "config");
        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Error, Does.Contain("99999"));
        Assert.That(result.Output + result.Error, Does.Not.Contain("hunter2"));
    }

    [Test]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync(_folder, null, "config", "--no-such-flag");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--no-such-flag"));
    }

    [Test]
    public async Task Help_describes_the_command()
    {
        var result = await CliRunner.RunAsync(_folder, null, "config", "--help");
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.Contain("--json").And.Contain("source of each value"));
    }
}
