using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Aksara.Testing;
using Docker.DotNet;
using Testcontainers.PostgreSql;

namespace Aksara.Tests;

/// <summary>PostgreSQL in a Docker container, through Testcontainers.</summary>
internal sealed class ContainerProvisioner : IPostgresProvisioner
{
    const string Image = "postgres:17-alpine";

    /// <summary>
    /// True when a Docker engine answers a ping within <paramref name="timeout"/>. Testcontainers'
    /// own discovery tries several endpoints with long timeouts; a machine without Docker must
    /// fall through to the local cluster at once.
    /// </summary>
    public static async Task<bool> IsDockerAvailableAsync(TimeSpan timeout)
    {
        var endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } dockerHost
            ? new Uri(dockerHost)
            : File.Exists("/var/run/docker.sock") ? new Uri("unix:///var/run/docker.sock") : null;
        if (endpoint is null)
            return false;

        try
        {
            using var cancellation = new CancellationTokenSource(timeout);
            using var client = new DockerClientBuilder().WithEndpoint(endpoint).WithTimeout(timeout).Build();
            await client.System.PingAsync(cancellation.Token);
            return true;
        }
        catch (Exception)
        {
            // Refused, timed out, permission denied on the socket: all mean "no usable engine".
            return false;
        }
    }

    public async Task<ProvisionedServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var container = new PostgreSqlBuilder(Image)
            .WithUsername("postgres")
            .WithPassword(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)))
            .WithDatabase("postgres")
            // A fixed host port, so that a stopped server comes back where clients expect it.
            .WithPortBinding(FindFreeLoopbackPort(), PostgreSqlBuilder.PostgreSqlPort)
            .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200")
            .Build();
        try
        {
            await container.StartAsync(cancellationToken);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
        return new ContainerServer(container);
    }

    static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    sealed class ContainerServer(PostgreSqlContainer container) : ProvisionedServer(container.GetConnectionString())
    {
        public override Task StopAsync(CancellationToken cancellationToken = default) => container.StopAsync(cancellationToken);

        public override Task StartAgainAsync(CancellationToken cancellationToken = default) => container.StartAsync(cancellationToken);

        public override ValueTask DisposeAsync() => container.DisposeAsync();
    }
}
