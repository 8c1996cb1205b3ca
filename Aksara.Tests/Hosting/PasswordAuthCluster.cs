using Aksara.Testing;
using Npgsql;

namespace Aksara.Tests.Hosting;

/// <summary>
/// A throwaway local cluster of a test's own, which it may stop and restart. Roles created with
/// <see cref="CreatePasswordRoleAsync"/> must log in with their password (the cluster trusts everyone else), so
/// that wrong-password paths can be tested whatever authentication the shared test server uses.
/// </summary>
internal sealed class PasswordAuthCluster : IAsyncDisposable
{
    private const string PasswordGroup = "aksara_password_required";

    private PasswordAuthCluster(ProvisionedServer server) => Server = server;

    public ProvisionedServer Server { get; }

    /// <summary>Starts the cluster, or marks the calling test inconclusive when this machine has no PostgreSQL binaries.</summary>
    public static async Task<PasswordAuthCluster> StartAsync()
    {
        ProvisionedServer server;
        try
        {
            server = await new LocalPostgresCluster().StartAsync();
        }
        catch (AksaraException ex) when (ex.Message.Contains("not found", StringComparison.Ordinal))
        {
            Assert.Ignore($"These tests stop and restart a PostgreSQL server of their own, which needs the server binaries: {ex.Message}");
            throw;
        }

        var cluster = new PasswordAuthCluster(server);
        await cluster.ExecuteAsync($"CREATE ROLE {PasswordGroup} NOLOGIN");
        var dataDirectory = ((LocalClusterServer)server).DataDirectory;
        var hba = Path.Combine(dataDirectory, "pg_hba.conf");
        // First match wins: members of the group need a password on loopback TCP, the rest stays trusted.
        await File.WriteAllTextAsync(hba, $"host all +{PasswordGroup} 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(hba));
        await cluster.ExecuteAsync("SELECT pg_reload_conf()");
        return cluster;
    }

    public async Task CreatePasswordRoleAsync(string role, string password, string options = "")
    {
        await ExecuteAsync($"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}' {options} IN ROLE {PasswordGroup}");
    }

    public async Task CreateDatabaseAsync(string name) => await ExecuteAsync($"CREATE DATABASE \"{name}\"");

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
