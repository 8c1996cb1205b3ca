using Aksara.Testing;
using Npgsql;

namespace Aksara.Tests.Data;

/// <summary>Runs against a cluster of its own that requires passwords over TCP (the shared test server trusts everyone).</summary>
public sealed class PasswordAuthenticationTests
{
    private const string Password = "p@ss:w0rd'; DROP--";
    private ProvisionedServer _server = null!;
    private readonly CapturingLoggerProvider _logs = new();

    [OneTimeSetUp]
    public async Task StartPasswordProtectedServerAsync()
    {
        _server = await new LocalPostgresCluster().StartAsync();
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        await using (var role = new NpgsqlCommand($"CREATE ROLE app LOGIN PASSWORD '{Password.Replace("'", "''")}'", admin))
            await role.ExecuteNonQueryAsync();
        // Keep the superuser on trust over TCP so the fixture can still administer and stop the server.
        await using (var hba = new NpgsqlCommand("""
            DO $$ BEGIN
              EXECUTE format('COPY (SELECT unnest(ARRAY[%L, %L, %L])) TO %L',
                'local all all trust',
                'host all postgres 127.0.0.1/32 trust',
                'host all all 127.0.0.1/32 scram-sha-256',
                current_setting('hba_file'));
            END $$;
            SELECT pg_reload_conf();
            """, admin))
            await hba.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        await _server.DisposeAsync();
        _logs.Dispose();
    }

    [Test]
    public async Task The_right_password_connects_and_none_of_it_is_logged()
    {
        await using var db = new Database(new AksaraOptions { DatabaseUrl = UrlWith(Password), PoolMinSize = 1, LoggerFactory = _logs.CreateFactory() });
        await db.ConnectAsync();
        Assert.That(await db.FetchValAsync<string>("SELECT current_user"), Is.EqualTo("app"));
        Assert.That(db.MaskedUrl, Does.Contain("app:***@").And.Not.Contain("w0rd"));
        AssertNoPasswordLogged();
    }

    [Test]
    public async Task A_wrong_password_gives_the_authentication_hint_without_echoing_it()
    {
        const string wrong = "not-the-password-42";
        await using var db = new Database(new AksaraOptions { DatabaseUrl = UrlWith(wrong), PoolMinSize = 1, LoggerFactory = _logs.CreateFactory() });
        var error = Assert.ThrowsAsync<AksaraConnectionException>(() => db.ConnectAsync());
        Assert.That(error!.Failure, Is.EqualTo(ConnectionFailure.AuthenticationFailed));
        Assert.That(error.Message, Does.Contain("password authentication failed for user \"app\""));
        Assert.That(error.ToString(), Does.Not.Contain(wrong));
        Assert.That(_logs.Lines, Has.None.Contains(wrong));
        AssertNoPasswordLogged();
    }

    private string UrlWith(string password) =>
        $"postgresql://app:{Uri.EscapeDataString(password)}@127.0.0.1:{_server.Port}/postgres";

    private void AssertNoPasswordLogged()
    {
        Assert.That(_logs.Lines, Is.Not.Empty, "the test needs log output to check");
        Assert.That(_logs.Lines, Has.None.Contains("w0rd"));
        Assert.That(_logs.Lines, Has.None.Contains(Uri.EscapeDataString(Password)));
    }
}
