using Aksara.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aksara;

public static class AksaraServiceCollectionExtensions
{
    /// <summary>
    /// Adds Aksara to an ASP.NET Core app: <see cref="AksaraOptions"/> bound from <paramref name="configuration"/>
    /// (section <c>Aksara</c>, plus <c>.env</c>, <c>DATABASE_URL</c> and <c>AKSARA_*</c>), then <paramref name="configure"/>;
    /// the default <see cref="Database"/> as a singleton whose pool opens at start and closes at shutdown, and its
    /// <see cref="Npgsql.NpgsqlDataSource"/> (for libraries that take one, so they share the pool); problem
    /// responses for Aksara's exceptions; and the <c>database</c> health check that <c>MapAksaraHealth</c> reports.
    /// </summary>
    public static IServiceCollection AddAksara(this IServiceCollection services, IConfiguration configuration, Action<AksaraOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddAksaraCore(configuration, addAksaraSources: true, configure);
    }

    /// <summary>
    /// Registers another database (a replica, a tenant) as the keyed service <paramref name="key"/>: inject it with
    /// <c>[FromKeyedServices("replica")] Database db</c>, and its pool as the keyed <see cref="Npgsql.NpgsqlDataSource"/>. It inherits the pool sizes and timeouts of the default options
    /// unless <paramref name="configure"/> changes them, opens and closes with the host, and never becomes the default.
    /// </summary>
    public static IServiceCollection AddAksaraDatabase(this IServiceCollection services, string key, string databaseUrl, Action<AksaraOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseUrl);
        services.AddOptions<AksaraOptions>();
        services.AddKeyedSingleton(key, (provider, _) => AksaraDatabaseFactory.CreateKeyed(provider, databaseUrl, configure));
        services.TryAddKeyedSingleton(key, (provider, serviceKey) => provider.GetRequiredKeyedService<Database>(serviceKey).DataSource);
        services.AddSingleton(new AksaraDatabaseRegistration(key));
        services.AddAksaraDatabaseLifecycle();
        return services;
    }

    // One instance, both a hosted service and what AksaraApplication.RunAsync connects through before the host starts.
    private static void AddAksaraDatabaseLifecycle(this IServiceCollection services)
    {
        services.TryAddSingleton<AksaraDatabaseLifecycle>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AksaraDatabaseLifecycle>(provider => provider.GetRequiredService<AksaraDatabaseLifecycle>()));
    }

    /// <param name="addAksaraSources">False when <paramref name="configuration"/> already holds them (<see cref="AksaraApp"/>).</param>
    internal static IServiceCollection AddAksaraCore(this IServiceCollection services, IConfiguration configuration, bool addAksaraSources, Action<AksaraOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(AksaraDatabaseRegistration) && d.ImplementationInstance is AksaraDatabaseRegistration { Key: null }))
            throw new InvalidOperationException("AddAksara was already called on these services; call it once and pass every option there.");

        services.AddOptions<AksaraOptions>();
        services.AddSingleton<IConfigureOptions<AksaraOptions>>(provider => new AksaraOptionsSetup(configuration, addAksaraSources, provider.GetService<IHostEnvironment>()));
        if (configure is not null)
            services.Configure(configure);

        services.AddSingleton(AksaraDatabaseFactory.CreateDefault);
        // The same pool for libraries that take an NpgsqlDataSource: one pool per database per process.
        services.TryAddSingleton(provider => provider.GetRequiredService<Database>().DataSource);
        services.AddSingleton(new AksaraDatabaseRegistration(null));
        services.AddAksaraDatabaseLifecycle();

        services.AddProblemDetails();
        services.AddExceptionHandler<AksaraExceptionHandler>();
        services.AddHealthChecks().AddAksaraDatabase();
        return services;
    }
}
