using System.Globalization;
using Aksara.Testing;
using Aksara.Cli.Setup;
using Aksara.Tests.Hosting;
using Npgsql;

namespace Aksara.Tests.Cli;

/// <summary>
/// <c>dbsetup --create-role</c> and <see cref="ScramVerifier"/> on a server of this class's own that logs every
/// statement and makes every role but the superuser log in with SCRAM-SHA-256 over TCP (the shared test server may
/// trust everyone, which would hide a verifier that does not match its password).
/// </summary>
public sealed class DbSetupScramTests
{
    private PasswordAuthCluster _cluster = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _cluster = await PasswordAuthCluster.StartAsync();
        var server = _cluster.Server;
        var hba = await QueryAsync<string>("SHOW hba_file");
        // First match wins: the superuser stays trusted to administer the cluster, every other role needs SCRAM.
        await File.WriteAllTextAsync(hba,
            $"host all {server.Username} 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(hba));
        await _cluster.ExecuteAsync("ALTER SYSTEM SET log_statement = 'all'");
        await _cluster.ExecuteAsync("SELECT pg_reload_conf()");
        _folder = DbSetupRunner.NewProjectFolder("scram");
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
    public async Task PostgreSQL_stores_the_same_verifier_for_the_same_password_and_salt()
    {
        const string password = "Server-side 0f the same";
        await _cluster.ExecuteAsync($"SET password_encryption = 'scram-sha-256'; CREATE ROLE by_the_server LOGIN PASSWORD '{password}'");

        var stored = await StoredPasswordAsync("by_the_server");

        var salt = Convert.FromBase64String(stored.Split(':', '$')[2]);
        Assert.That(ScramVerifier.Compute(password, salt), Is.EqualTo(stored));
    }

    [Test]
    public async Task A_role_created_with_a_verifier_logs_in_over_SCRAM_with_the_password_only()
    {
        const string password = "only-the-verifier-was-sent";
        await _cluster.ExecuteAsync($"CREATE ROLE by_verifier LOGIN PASSWORD '{ScramVerifier.Compute(password)}'");

        Assert.That(await CurrentUserAsync("by_verifier", password), Is.EqualTo("by_verifier"));
        var wrong = Assert.ThrowsAsync<PostgresException>(() => CurrentUserAsync("by_verifier", "not-the-password"));
        Assert.That(wrong!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidPassword));
    }

    [Test]
    public async Task Create_role_stores_a_SCRAM_verifier_and_the_password_reaches_neither_the_log_nor_the_catalog()
    {
        const string role = "scram_app";
        var logFile = ((LocalClusterServer)_cluster.Server).LogFile;
        var logStart = new FileInfo(logFile).Length;
        var envFile = Path.Combine(_folder, ".env");

        var run = await DbSetupRunner.DbSetupAsync(new ScriptedTerminal(interactive: false, ""),
        [
            "--host", "127.0.0.1", "--port", _cluster.Server.Port.ToString(CultureInfo.InvariantCulture), "--user", _cluster.Server.Username,
            "--password-stdin", "--database", "scram_db", "--env-file", envFile, "--yes", "--create-role", role,
        ]);

        // dbsetup itself checks that the new URL connects, which here means a SCRAM login as the new role.
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var password = Aksara.DatabaseUrl.Parse(DbSetupRunner.ReadDatabaseUrl(envFile)!).Password!;
        var stored = await StoredPasswordAsync(role);
        var log = await ReadLogFromAsync(logFile, logStart);
        Assert.Multiple(async () =>
        {
            Assert.That(stored, Does.StartWith("SCRAM-SHA-256$4096:"));
            Assert.That(ScramVerifier.Compute(password, Convert.FromBase64String(stored.Split(':', '$')[2])), Is.EqualTo(stored),
                "the stored verifier is the one of the password written to .env");
            Assert.That(await CurrentUserAsync(role, password), Is.EqualTo(role));
            Assert.That(log, Does.Contain($"CREATE ROLE \"{role}\" LOGIN PASSWORD 'SCRAM-SHA-256$"), "log_statement = all logged the statement");
            Assert.That(log, Does.Not.Contain(password));
        });
    }

    private async Task<string> StoredPasswordAsync(string role)
    {
        await using var connection = new NpgsqlConnection(_cluster.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT rolpassword FROM pg_authid WHERE rolname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> CurrentUserAsync(string user, string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(_cluster.Server.ConnectionString)
        {
            Host = "127.0.0.1",
            Username = user,
            Password = password,
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_user", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<T> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_cluster.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> ReadLogFromAsync(string logFile, long offset)
    {
        await using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
