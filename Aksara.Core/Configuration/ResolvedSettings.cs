using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Aksara.Configuration;

/// <summary>Effective options plus, for each option, the source that set it ("default" when none did).</summary>
internal sealed record ResolvedSettings(AksaraOptions Options, IReadOnlyDictionary<string, string> Sources, string ContentRoot)
{
    internal static ResolvedSettings From(IConfigurationRoot configuration, string contentRoot)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        // Only settings that configuration can hold; LoggerFactory is code-only.
        var options = typeof(AksaraOptions).GetProperties().Where(p => p.PropertyType.IsPrimitive || p.PropertyType.IsEnum || p.PropertyType == typeof(string)).Select(p => p.Name)
            .Append(AksaraMigrationOptions.DdlLockTimeoutKey)
            .Append(AksaraMigrationOptions.SchemaKey)
            .Append(AksaraMigrationOptions.RuntimeRoleKey);
        foreach (var option in options)
        {
            var key = AksaraEnvironmentVariables.ConfigurationKey(option);
            sources[option] = configuration.Providers.Reverse()
                .Where(provider => provider.TryGet(key, out _))
                .Select(Describe)
                .FirstOrDefault() ?? "default";
        }
        return new ResolvedSettings(AksaraSettings.Bind(configuration, contentRoot), sources, contentRoot);
    }

    /// <summary>The database URL, or a configuration error saying where it was looked for and how to set one.</summary>
    internal string RequireDatabaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(Options.DatabaseUrl))
            return Options.DatabaseUrl;
        throw new AksaraConfigurationException(
            $"DATABASE_URL is not set. Looked in appsettings.json (Aksara:DatabaseUrl) and .env in {ContentRoot}, " +
            "the environment variables DATABASE_URL and AKSARA_DATABASE_URL, and AksaraSettings.Configure (commands that take --database-url accept it there too). " +
            "Run `aksara dbsetup` to create a database and write it to .env, `aksara dbsetup --local` for a PostgreSQL of this project's own, " +
            "or set DATABASE_URL=postgresql://user:password@localhost:5432/app.");
    }

    private static string Describe(IConfigurationProvider provider) => provider switch
    {
        JsonConfigurationProvider json => json.Source.Path ?? "appsettings.json",
        MemoryConfigurationProvider => "code (AksaraSettings.Configure)",
        _ => provider.ToString() ?? provider.GetType().Name,
    };
}
