using Aksara.Testing;

namespace Aksara.Tests;

/// <summary>
/// The one PostgreSQL server of a test run, shared by every <see cref="DatabaseTestBase"/>:
/// AKSARA_TEST_DATABASE_URL when set, else a Testcontainers container when a Docker engine
/// answers, else a throwaway cluster made with the PostgreSQL binaries on this machine (those in
/// AKSARA_TEST_PG_BIN when set, which also rules out the container: the run is for that version).
/// </summary>
/// <remarks>
/// It starts on first use, so that a run of unit tests alone needs no PostgreSQL at all, and
/// it stops when the run ends. Tests that stop a server must start their own.
/// </remarks>
[SetUpFixture]
public sealed class TestServer
{
    public const string DatabaseUrlVariable = "AKSARA_TEST_DATABASE_URL";

    static readonly Lazy<Task<ProvisionedServer>> Shared = new(ProvisionAsync);

    public static ProvisionedServer Server => Shared.Value.GetAwaiter().GetResult();

    /// <summary>Npgsql connection string of the admin database, as a superuser.</summary>
    public static string AdminConnectionString => Server.ConnectionString;

    public static Task<ProvisionedServer> GetServerAsync() => Shared.Value;

    [OneTimeTearDown]
    public async Task StopSharedServerAsync()
    {
        if (Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully)
            await Shared.Value.Result.DisposeAsync();
    }

    static async Task<ProvisionedServer> ProvisionAsync()
    {
        ProvisionedServer server;
        string source;
        if (Environment.GetEnvironmentVariable(DatabaseUrlVariable) is { Length: > 0 } url)
        {
            server = ExternalServer.Parse(url);
            source = DatabaseUrlVariable;
        }
        else if (Environment.GetEnvironmentVariable(LocalPostgresCluster.BinDirectoryVariable) is not { Length: > 0 }
                 && await ContainerProvisioner.IsDockerAvailableAsync(TimeSpan.FromSeconds(2)))
        {
            server = await new ContainerProvisioner().StartAsync();
            source = "Testcontainers";
        }
        else
        {
            server = await new LocalPostgresCluster().StartAsync();
            source = "a throwaway local cluster";
        }
        await TestContext.Progress.WriteLineAsync($"Integration tests use {server} from {source}.");
        return server;
    }
}
