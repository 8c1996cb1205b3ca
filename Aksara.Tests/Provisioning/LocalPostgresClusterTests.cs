using System.Text.RegularExpressions;
using System.Net;
using System.Net.Sockets;
using Aksara.LocalDevelopment;
using Aksara.Testing;
using Npgsql;

namespace Aksara.Tests.Provisioning;

// These tests start clusters of their own: stopping the shared TestServer would break other classes.
public class LocalPostgresClusterTests
{
    [Test]
    public async Task Finds_the_server_binaries_on_this_machine()
    {
        var binaries = await PostgresBinaries.LocateAsync(PostgresBinarySearch.Default, CancellationToken.None);

        Assert.That(File.Exists(binaries.PathOf("initdb")), binaries.BinDirectory);
        Assert.That(File.Exists(binaries.PathOf("pg_ctl")), binaries.BinDirectory);
    }

    [Test]
    public async Task A_throwaway_cluster_stops_starts_again_with_its_data_and_is_deleted_on_dispose()
    {
        var server = (LocalClusterServer)await new LocalPostgresCluster().StartAsync();
        var dataDirectory = server.DataDirectory;
        try
        {
            Assert.That(server.DatabaseUrl, Is.EqualTo($"postgresql://postgres@127.0.0.1:{server.Port}/postgres"));
            Assert.That(await QueryAsync(server, "SELECT version()"), Does.StartWith("PostgreSQL "));
            Assert.That(await QueryAsync(server, "SHOW fsync"), Is.EqualTo("off"));
            await QueryAsync(server, "CREATE TABLE survivors (name text); INSERT INTO survivors VALUES ('kept')");

            var port = server.Port;
            await server.StopAsync();

            var refused = Assert.ThrowsAsync<NpgsqlException>(() => QueryAsync(server, "SELECT 1"));
            Assert.That(refused!.InnerException, Is.InstanceOf<SocketException>()
                .With.Property(nameof(SocketException.SocketErrorCode)).EqualTo(SocketError.ConnectionRefused));

            await server.StartAgainAsync();

            Assert.That(server.Port, Is.EqualTo(port));
            Assert.That(await QueryAsync(server, "SELECT name FROM survivors"), Is.EqualTo("kept"));
        }
        finally
        {
            await server.DisposeAsync();
        }
        Assert.That(Directory.Exists(dataDirectory), Is.False);
        Assert.That(Directory.Exists(Path.GetDirectoryName(dataDirectory)), Is.False);
    }

    [Test]
    public async Task A_persistent_cluster_keeps_its_data_directory_and_reuses_it()
    {
        // The local development database's cluster: Aksara.Core's, with its defaults (durable), stopped but never deleted.
        var parent = Directory.CreateTempSubdirectory("aksara-persistent-test-").FullName;
        try
        {
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(parent, (UnixFileMode)0b111_101_101); // 0755: the postgres user must get in when we are root.
            var dataDirectory = Path.Combine(parent, ".aksara", "postgres");
            Directory.CreateDirectory(Path.GetDirectoryName(dataDirectory)!);

            var first = await PostgresCluster.LocateAsync(dataDirectory);
            await first.InitializeAsync();
            var port = await first.StartAsync(0);
            try
            {
                Assert.That(await QueryAsync(port, "SHOW fsync"), Is.EqualTo("on"));
                await QueryAsync(port, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('hello')");
            }
            finally
            {
                await first.StopAsync();
            }
            Assert.That(File.Exists(Path.Combine(dataDirectory, "PG_VERSION")));
            Assert.That(File.Exists(Path.Combine(parent, ".aksara", "postgres.log")), "the log goes next to the data directory");

            var second = await PostgresCluster.LocateAsync(dataDirectory);
            Assert.That(second.IsInitialized);
            await second.InitializeAsync();
            var secondPort = await second.StartAsync(0);
            try
            {
                Assert.That(await QueryAsync(secondPort, "SELECT body FROM notes"), Is.EqualTo("hello"));
            }
            finally
            {
                await second.StopAsync();
            }
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Test]
    public void A_taken_port_is_a_clear_error_and_leaves_nothing_behind()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        // A parent folder of this test's own, so that clusters other tests start meanwhile cannot change what it sees.
        var parent = Directory.CreateDirectory(Path.Combine("/tmp", "aksara-port-test-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(parent, (UnixFileMode)0b111_101_101); // 0755: the postgres user must get in when we are root.

            var error = Assert.ThrowsAsync<AksaraException>(
                () => new LocalPostgresCluster(port, PostgresBinarySearch.Default, parent).StartAsync());

            Assert.That(error!.Message, Does.Contain($"127.0.0.1:{port}").And.Contain("in use"));
            Assert.That(Directory.GetFileSystemEntries(parent), Is.Empty, "the cluster's folder is removed after the failure");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Test]
    public async Task The_cluster_runs_the_binaries_of_the_folder_the_test_variable_names()
    {
        // Run with AKSARA_TEST_PG_BIN set (as .ci/run does per major version), this proves the whole run is on that version.
        var binaries = await PostgresBinaries.LocateAsync(LocalPostgresCluster.BinarySearch, CancellationToken.None);
        var expected = await ProcessRunner.RunAsync(binaries.PathOf("postgres"), ["--version"], CancellationToken.None);
        if (Environment.GetEnvironmentVariable(LocalPostgresCluster.BinDirectoryVariable) is { Length: > 0 } named)
            Assert.That(binaries.BinDirectory, Is.EqualTo(Path.GetFullPath(named)));

        await using var server = await new LocalPostgresCluster().StartAsync();

        // "postgres (PostgreSQL) 15.18 (Debian ...)" and server_version "15.18 (Debian ...)": the same build answered.
        var version = (await QueryAsync(server, "SHOW server_version"))!.Split(' ')[0];
        Assert.That(expected.StandardOutput.Trim(), Does.Match($@"^postgres \(PostgreSQL\) {Regex.Escape(version)}( |$)"));
    }

    [Test]
    public void A_test_bin_folder_without_initdb_is_a_clear_error_naming_the_variable()
    {
        var empty = Directory.CreateTempSubdirectory("aksara-empty-bin-").FullName;
        try
        {
            var cluster = new LocalPostgresCluster(0, LocalPostgresCluster.SearchFrom(empty));

            var error = Assert.ThrowsAsync<AksaraException>(() => cluster.StartAsync());

            Assert.That(error!.Message, Does.Contain("AKSARA_TEST_PG_BIN").And.Contain(empty).And.Contain("does not contain initdb"));
            Assert.That(Directory.GetFileSystemEntries(empty), Is.Empty);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Test]
    public void Missing_binaries_give_an_install_hint()
    {
        var empty = Directory.CreateTempSubdirectory("aksara-no-postgres-").FullName;
        try
        {
            var cluster = new LocalPostgresCluster(0, new PostgresBinarySearch(empty, Path.Combine(empty, "lib", "postgresql")));

            var error = Assert.ThrowsAsync<AksaraException>(() => cluster.StartAsync());

            Assert.That(error!.Message, Does.Contain("apt-get install postgresql").And.Contain("brew install postgresql"));
            Assert.That(Directory.GetFileSystemEntries(empty), Is.Empty);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    static Task<string?> QueryAsync(ProvisionedServer server, string sql)
        // Unpooled, so that no connection from before a restart is handed out after it.
        => QueryAsync(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString, sql);

    static Task<string?> QueryAsync(int port, string sql) => QueryAsync(PostgresCluster.AdminConnectionString(port), sql);

    static async Task<string?> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
