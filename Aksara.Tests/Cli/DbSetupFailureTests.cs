using System.Globalization;
using Aksara.Tests.Hosting;

namespace Aksara.Tests.Cli;

/// <summary>
/// dbsetup's authentication and permission failures, on a server of this class's own whose test roles must give
/// their password (the shared test server may trust everyone, which would hide a wrong password).
/// </summary>
public sealed class DbSetupFailureTests
{
    private const string Role = "setup_pw_user";
    private const string Password = "p@ss:w/rd-ok";

    private PasswordAuthCluster _cluster = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _cluster = await PasswordAuthCluster.StartAsync();
        // May log in, may not create databases.
        await _cluster.CreatePasswordRoleAsync(Role, Password, "NOCREATEDB");
        _folder = DbSetupRunner.NewProjectFolder("failures");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        if (_folder is not null)
            Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Wrong_password_exits_4_saying_authentication_failed()
    {
        var run = await DbSetupRunner.DbSetupAsync(new ScriptedTerminal(interactive: false, "not-the-password"), Flags("wrong_pw_db"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
            Assert.That(run.Error, Does.Contain($"refused user \"{Role}\": password authentication failed"));
            Assert.That(run.Error, Does.Not.Contain("not-the-password"));
        });
    }

    [Test]
    public async Task Missing_CREATEDB_exits_1_saying_what_to_ask_an_administrator()
    {
        var run = await DbSetupRunner.DbSetupAsync(new ScriptedTerminal(interactive: false, Password), Flags("no_createdb_db"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Error, Does.Contain("CREATEDB").And.Contain($"ALTER ROLE \"{Role}\" CREATEDB"));
            Assert.That(run.Error, Does.Not.Contain(Password));
        });
    }

    [Test]
    public async Task Password_with_reserved_characters_is_percent_encoded_in_the_written_URL()
    {
        await _cluster.ExecuteAsync($"ALTER ROLE {Role} CREATEDB");
        try
        {
            var run = await DbSetupRunner.DbSetupAsync(new ScriptedTerminal(interactive: false, Password), Flags("encoded_pw_db"));

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            var url = DbSetupRunner.ReadDatabaseUrl(Path.Combine(_folder, ".env"))!;
            Assert.Multiple(async () =>
            {
                Assert.That(url, Does.Contain($"{Role}:p%40ss%3Aw%2Frd-ok@127.0.0.1:"));
                Assert.That(await DbSetupRunner.ConnectAsync(url), Is.EqualTo(("encoded_pw_db", Role)));
                Assert.That(run.Output, Does.Contain($"postgresql://{Role}:***@127.0.0.1:"));
            });
        }
        finally
        {
            await _cluster.ExecuteAsync($"ALTER ROLE {Role} NOCREATEDB");
        }
    }

    private string[] Flags(string database) =>
    [
        "--host", "127.0.0.1", "--port", _cluster.Server.Port.ToString(CultureInfo.InvariantCulture), "--user", Role, "--password-stdin",
        "--database", database, "--env-file", Path.Combine(_folder, ".env"), "--yes",
    ];
}
