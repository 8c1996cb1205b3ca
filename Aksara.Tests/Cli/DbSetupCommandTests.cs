using System.Globalization;
using Aksara.Configuration;
using Aksara.Testing;
using Npgsql;

namespace Aksara.Tests.Cli;

/// <summary><c>aksara dbsetup</c> end to end against the shared test server.</summary>
public sealed class DbSetupCommandTests
{
    private const string OtherLines = """
        # Settings for the app. Keep this comment.
        export SECRET_KEY="s3cr3t # not a comment"
        QUOTED='single quoted value'

        DATABASE_URL=postgresql://old:old-password@old-host:5432/old_db
        MULTI_LINE="first line
        DATABASE_URL=this-line-is-part-of-MULTI_LINE
        last line"
        export   SPACED =  value with spaces
        # the end
        """;

    private ProvisionedServer _server = null!;
    private readonly List<string> _databases = [];
    private readonly List<string> _roles = [];
    private readonly List<string> _folders = [];

    [OneTimeSetUp]
    public async Task GetServerAsync() => _server = await TestServer.GetServerAsync();

    [OneTimeTearDown]
    public async Task CleanUpAsync()
    {
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        foreach (var sql in _databases.Select(d => $"DROP DATABASE IF EXISTS \"{d}\" WITH (FORCE)")
                     .Concat(_roles.Select(r => $"DROP ROLE IF EXISTS \"{r}\"")))
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
        foreach (var folder in _folders)
            Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Json_prints_only_the_result_on_stdout_and_what_is_done_on_stderr()
    {
        var envFile = Path.Combine(NewFolder("json"), ".env");
        var database = NewName("setup_json");

        var run = await DbSetupRunner.DbSetupAsync(StdinPassword(), [.. ServerFlags(), "--database", database, "--env-file", envFile, "--yes", "--json"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("successful").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("database_created").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("env_file").GetString(), Is.EqualTo(envFile));
            Assert.That(root.GetProperty("database_url").GetString(), Does.EndWith($"/{database}"));
            Assert.That(root.GetProperty("error").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(run.Error, Does.Contain($"Created database \"{database}\""));
            if (_server.Password is { Length: > 0 } password)
                Assert.That(run.Output, Does.Not.Contain(password));
        });
    }

    [Test]
    public async Task Non_interactive_run_creates_the_database_and_rewrites_only_the_DATABASE_URL_line()
    {
        var folder = NewFolder("e2e");
        var envFile = Path.Combine(folder, ".env");
        await File.WriteAllTextAsync(envFile, OtherLines);
        var database = NewName("setup_e2e");

        var run = await DbSetupRunner.DbSetupAsync(StdinPassword(), [.. ServerFlags(), "--database", database, "--env-file", envFile, "--yes"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var url = DbSetupRunner.ReadDatabaseUrl(envFile)!;
        Assert.Multiple(async () =>
        {
            Assert.That(await File.ReadAllTextAsync(envFile), Is.EqualTo(OtherLines.Replace(
                "DATABASE_URL=postgresql://old:old-password@old-host:5432/old_db", "DATABASE_URL=" + url, StringComparison.Ordinal)));
            Assert.That(await DbSetupRunner.ConnectAsync(url), Is.EqualTo((database, _server.Username)));
            Assert.That(run.Output, Does.Contain($"Created database \"{database}\"").And.Contain("aksara migrate"));
            Assert.That(run.Output, Does.Contain("postgresql://old:***@old-host:5432/old_db"), "the old URL is shown masked");
            Assert.That(run.Output + run.Error, Does.Not.Contain("old-password"));
            if (_server.Password is { } password)
                Assert.That(run.Output + run.Error, Does.Not.Contain(password));
        });

        var again = await DbSetupRunner.DbSetupAsync(StdinPassword(), [.. ServerFlags(), "--database", database, "--env-file", envFile, "--yes"]);
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(again.Output, Does.Contain("already exists"));
    }

    [Test]
    public async Task Interactive_run_asks_for_each_value_and_defaults_the_name_to_the_folder()
    {
        var folder = NewFolder("My App");
        var envFile = Path.Combine(folder, ".env");
        await File.WriteAllTextAsync(envFile, "DATABASE_URL=postgresql://someone@elsewhere/db\n");
        var expectedName = DatabaseNames.FromFolderName(Path.GetFileName(folder));
        _databases.Add(expectedName);
        var terminal = new ScriptedTerminal(interactive: true,
            "y", _server.Host, _server.Port.ToString(CultureInfo.InvariantCulture), _server.Username, _server.Password ?? "", "");

        var run = await DbSetupRunner.DbSetupAsync(terminal, "--env-file", envFile);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.Multiple(async () =>
        {
            Assert.That(expectedName, Does.StartWith("my_app_"));
            // The prompts come in the order docs/cli.md shows.
            string[] prompts = ["Replace it? [y/N]", .. DocumentedPrompts()];
            Assert.That(prompts, Is.EqualTo(new[] { "Replace it? [y/N]", "Host", "Port", "User", "Password (not shown; empty for none)", "Database name" }));
            Assert.That(run.Output, Does.Contain($"Database name [{expectedName}]"));
            var positions = prompts.Select(prompt => run.Output.IndexOf(prompt, StringComparison.Ordinal)).ToList();
            Assert.That(positions, Is.All.GreaterThanOrEqualTo(0), run.Output);
            Assert.That(positions, Is.Ordered, run.Output);
            Assert.That(terminal.Unread, Is.Zero);
            Assert.That((await DbSetupRunner.ConnectAsync(DbSetupRunner.ReadDatabaseUrl(envFile)!)).Database, Is.EqualTo(expectedName));
        });
    }

    /// <summary>The questions of the interactive example in docs/cli.md, in its order, without their defaults.</summary>
    private static IEnumerable<string> DocumentedPrompts()
    {
        var lines = File.ReadAllLines(Path.Combine(Starter.StarterProject.RepositoryRoot, "docs", "cli.md"));
        return lines.SkipWhile(line => line != "$ aksara dbsetup").Skip(1).TakeWhile(line => line.EndsWith(':'))
            .Select(line => line.Split(" [")[0].TrimEnd(':'));
    }

    [Test]
    public async Task Declining_to_replace_the_existing_URL_changes_nothing()
    {
        var envFile = Path.Combine(NewFolder("decline"), ".env");
        const string content = "DATABASE_URL=postgresql://keep:me@host/db\n";
        await File.WriteAllTextAsync(envFile, content);

        var run = await DbSetupRunner.DbSetupAsync(new ScriptedTerminal(interactive: true, "n"), "--env-file", envFile);

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Output, Does.Contain("postgresql://keep:***@host/db").And.Contain("nothing changed"));
            Assert.That(await File.ReadAllTextAsync(envFile), Is.EqualTo(content));
        });
    }

    [TestCase("my-app'; DROP")]
    [TestCase("x\"; DROP DATABASE postgres; --")]
    [TestCase("has space")]
    public async Task Hostile_database_name_is_refused_as_a_usage_error(string name)
    {
        var envFile = Path.Combine(NewFolder("hostile"), ".env");

        var run = await DbSetupRunner.DbSetupAsync(StdinPassword(), [.. ServerFlags(), "--database", name, "--env-file", envFile, "--yes"]);

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("Invalid database name"));
            Assert.That(File.Exists(envFile), Is.False);
            Assert.That(await DatabaseExistsAsync(name), Is.False);
        });
    }

    [Test]
    public async Task Without_a_terminal_missing_values_exit_2_naming_the_flags()
    {
        var envFile = Path.Combine(NewFolder("noterm"), ".env");

        var run = await DbSetupRunner.DbSetupAsync(new ScriptedTerminal(interactive: false), "--env-file", envFile, "--host", "127.0.0.1");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("--port").And.Contain("--user").And.Contain("--database").And.Contain("--yes"));
            Assert.That(run.Error, Does.Not.Contain("--host"));
        });
    }

    [Test]
    public async Task The_aksara_process_without_a_terminal_names_the_missing_flags_and_defaults_to_the_folder()
    {
        var folder = NewFolder("process");

        // A child process whose standard input is a closed pipe: no terminal, as in CI.
        var run = await CliRunner.RunAsync(folder, environment: null, "dbsetup", "--host", "127.0.0.1");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
            Assert.That(run.Error, Does.Contain("--port (default 5432)").And.Contain("--user (default postgres)")
                .And.Contain($"--database (default {DatabaseNames.FromFolderName(Path.GetFileName(folder))})"));
            Assert.That(File.Exists(Path.Combine(folder, ".env")), Is.False);
        });
    }

    [Test]
    public async Task Without_a_terminal_an_existing_URL_is_replaced_only_with_yes()
    {
        var envFile = Path.Combine(NewFolder("noyes"), ".env");
        await File.WriteAllTextAsync(envFile, "DATABASE_URL=postgresql://keep@host/db\n");

        var run = await DbSetupRunner.DbSetupAsync(StdinPassword(), [.. ServerFlags(), "--database", "anything", "--env-file", envFile]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("--yes"));
        });
    }

    [Test]
    public async Task Unreadable_env_file_is_a_configuration_error()
    {
        var envFile = Path.Combine(NewFolder("badenv"), ".env");
        await File.WriteAllTextAsync(envFile, "DATABASE_URL=\"postgresql://u:never-shown@h/db\nOTHER=1\n");

        var run = await DbSetupRunner.DbSetupAsync(StdinPassword(), [.. ServerFlags(), "--database", "anything", "--env-file", envFile, "--yes"]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Error, Does.Contain(envFile));
            Assert.That(run.Output + run.Error, Does.Not.Contain("never-shown"));
        });
    }

    [Test]
    public async Task Unreachable_server_exits_4_with_how_to_start_PostgreSQL()
    {
        var envFile = Path.Combine(NewFolder("unreachable"), ".env");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await DbSetupRunner.DbSetupAsync(new ScriptedTerminal(interactive: false),
            "--host", "127.0.0.1", "--port", closedPort.ToString(CultureInfo.InvariantCulture), "--user", "postgres", "--database", "x", "--env-file", envFile);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
            Assert.That(run.Error, Does.Contain($"Could not reach PostgreSQL at 127.0.0.1:{closedPort}")
                .And.Contain("sudo systemctl start postgresql")
                .And.Contain("brew services start postgresql")
                .And.Contain($"docker run -d -p {closedPort}:5432 -e POSTGRES_PASSWORD="));
            Assert.That(File.Exists(envFile), Is.False);
        });
    }

    [Test]
    public async Task Create_role_makes_a_runtime_role_that_uses_the_owners_tables_but_cannot_change_the_schema()
    {
        var folder = NewFolder("role");
        var envFile = Path.Combine(folder, ".env");
        File.WriteAllText(envFile, "AKSARA_SCHEMA=shop\n");
        var database = NewName("setup_role_db");
        var role = NewName("setup_role");
        _roles.Add(role);

        var run = await DbSetupRunner.DbSetupAsync(StdinPassword(), [.. ServerFlags(), "--database", database, "--env-file", envFile, "--yes", "--create-role", role]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var url = DbSetupRunner.ReadDatabaseUrl(envFile)!;
        var parsed = Aksara.DatabaseUrl.Parse(url);
        Assert.Multiple(async () =>
        {
            Assert.That(parsed.Username, Is.EqualTo(role));
            Assert.That(parsed.Password, Has.Length.EqualTo(32));
            Assert.That(run.Output, Does.Not.Contain(parsed.Password!));
            Assert.That(run.Output, Does.Contain($"aksara migrate --database-url postgresql://{_server.Username}"));
            Assert.That(DotEnvFile.Read(envFile)["AKSARA_MIGRATIONS_RUNTIME_ROLE"], Is.EqualTo(role));
            Assert.That(await DbSetupRunner.ConnectAsync(url), Is.EqualTo((database, role)));
        });

        // The owner (the user dbsetup connected as) migrates: a table it creates later is the runtime role's to use.
        var asOwner = new NpgsqlConnectionStringBuilder(parsed.ToConnectionStringBuilder().ConnectionString)
        {
            Username = _server.Username, Password = _server.Password, Pooling = false,
        };
        await using (var owner = new NpgsqlConnection(asOwner.ConnectionString))
        {
            await owner.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE shop.orders (id serial PRIMARY KEY, note text)", owner);
            await create.ExecuteNonQueryAsync();
        }
        var asRole = parsed.ToConnectionStringBuilder();
        asRole.Pooling = false;
        await using var connection = new NpgsqlConnection(asRole.ConnectionString);
        await connection.OpenAsync();
        await using (var use = new NpgsqlCommand("INSERT INTO shop.orders (note) VALUES ('it''s; DROP TABLE orders --'); UPDATE shop.orders SET note = note || '!'; SELECT count(*) FROM shop.orders", connection))
            Assert.That(await use.ExecuteScalarAsync(), Is.EqualTo(1L));
        foreach (var ddl in (string[])["CREATE TABLE shop.made_by_the_app (id int)", "ALTER TABLE shop.orders ADD COLUMN extra int", "DROP TABLE shop.orders", "CREATE SCHEMA elsewhere"])
        {
            await using var refused = new NpgsqlCommand(ddl, connection);
            var error = Assert.ThrowsAsync<PostgresException>(() => refused.ExecuteNonQueryAsync());
            Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), ddl);
        }
    }

    private ScriptedTerminal StdinPassword() => new(interactive: false, _server.Password ?? "");

    private string[] ServerFlags() =>
    [
        "--host", _server.Host, "--port", _server.Port.ToString(CultureInfo.InvariantCulture), "--user", _server.Username, "--password-stdin",
    ];

    private string NewName(string stem)
    {
        var name = $"{stem}_{Guid.NewGuid():N}"[..(stem.Length + 9)];
        _databases.Add(name);
        return name;
    }

    private string NewFolder(string name)
    {
        var folder = DbSetupRunner.NewProjectFolder(name.Replace(' ', '_'));
        if (name.Contains(' ', StringComparison.Ordinal))
        {
            var spaced = Path.Combine(Path.GetDirectoryName(folder)!, name + "-" + Path.GetFileName(folder)[^6..]);
            Directory.Move(folder, spaced);
            folder = spaced;
        }
        _folders.Add(folder);
        return folder;
    }

    private async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", admin);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
