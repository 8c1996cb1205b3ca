namespace Aksara.Testing;

/// <summary>Starts a PostgreSQL server that the caller owns until it disposes the result.</summary>
public interface IPostgresProvisioner
{
    Task<ProvisionedServer> StartAsync(CancellationToken cancellationToken = default);
}
