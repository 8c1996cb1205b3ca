using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aksara.Hosting;

/// <summary>Creates the databases registered in DI from the bound <see cref="AksaraOptions"/>.</summary>
internal static class AksaraDatabaseFactory
{
    internal static Database CreateDefault(IServiceProvider services) => new(EffectiveOptions(services, configure: null));

    internal static Database CreateKeyed(IServiceProvider services, string databaseUrl, Action<AksaraOptions>? configure) =>
        new(EffectiveOptions(services, options =>
        {
            options.DatabaseUrl = databaseUrl;
            configure?.Invoke(options);
        }));

    /// <summary>
    /// A copy of the application's options (so a keyed database inherits pool sizes and timeouts), adjusted, with
    /// the host's logger factory unless the code chose another.
    /// </summary>
    private static AksaraOptions EffectiveOptions(IServiceProvider services, Action<AksaraOptions>? configure)
    {
        var options = services.GetRequiredService<IOptions<AksaraOptions>>().Value.Clone();
        configure?.Invoke(options);
        options.LoggerFactory ??= services.GetService<ILoggerFactory>();
        return options;
    }
}
