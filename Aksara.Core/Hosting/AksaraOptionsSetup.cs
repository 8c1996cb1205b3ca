using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aksara.Hosting;

/// <summary>
/// Binds <see cref="AksaraOptions"/> from an application's configuration. When the configuration does not already
/// carry Aksara's own sources (an existing ASP.NET Core app), they are layered on top here — the <c>.env</c> of the
/// content root, then <c>DATABASE_URL</c>/<c>AKSARA_*</c> — without adding anything to the app's configuration.
/// The content root is also where a relative <see cref="AksaraOptions.MigrationsDir"/> is looked for first.
/// </summary>
internal sealed class AksaraOptionsSetup(IConfiguration configuration, bool addAksaraSources, IHostEnvironment? environment) : IConfigureOptions<AksaraOptions>
{
    public void Configure(AksaraOptions options)
    {
        var contentRoot = environment?.ContentRootPath is { Length: > 0 } hostRoot ? hostRoot
            : configuration[HostDefaults.ContentRootKey] is { Length: > 0 } root ? root
            : Directory.GetCurrentDirectory();
        options.ContentRoot = contentRoot;
        var source = configuration;
        if (addAksaraSources)
        {
            source = new ConfigurationBuilder()
                .AddConfiguration(configuration, shouldDisposeConfiguration: false)
                .AddAksaraSources(contentRoot)
                .Build();
        }

        try
        {
            options.BindSection(source.GetSection(AksaraOptions.SectionName));
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the text it could not convert; DatabaseUrl is a string, so never a password.
            throw new AksaraConfigurationException($"Invalid Aksara setting: {ex.Message}");
        }
    }
}
