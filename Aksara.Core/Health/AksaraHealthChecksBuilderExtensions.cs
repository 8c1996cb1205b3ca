using Aksara.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aksara;

public static class AksaraHealthChecksBuilderExtensions
{
    /// <summary>The name of the check that <c>AddAksara</c> registers for the default database.</summary>
    public const string DefaultCheckName = "database";

    /// <summary>
    /// Adds a check that runs <c>SELECT 1</c> on a database with a 2-second budget: the default database, or the one
    /// registered under <paramref name="serviceKey"/> by <c>AddAksaraDatabase(key, url)</c>. <c>AddAksara</c> already
    /// adds the default one under the name <c>database</c>; adding it again is a no-op.
    /// </summary>
    public static IHealthChecksBuilder AddAksaraDatabase(
        this IHealthChecksBuilder builder,
        string name = DefaultCheckName,
        string? serviceKey = null,
        HealthStatus failureStatus = HealthStatus.Unhealthy,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var marker = new AksaraHealthCheckMarker(name);
        // Registering the same name twice would make every health report fail with "duplicate health checks".
        if (builder.Services.Any(d => d.ServiceType == typeof(AksaraHealthCheckMarker) && Equals(d.ImplementationInstance, marker)))
            return builder;
        builder.Services.AddSingleton(marker);
        return builder.Add(new HealthCheckRegistration(
            name,
            services => new AksaraDatabaseHealthCheck(serviceKey is null
                ? services.GetRequiredService<Database>()
                : services.GetRequiredKeyedService<Database>(serviceKey)),
            failureStatus,
            ["aksara", .. tags ?? []]));
    }
}

/// <summary>Remembers which Aksara checks were registered, by name.</summary>
internal sealed record AksaraHealthCheckMarker(string Name);
