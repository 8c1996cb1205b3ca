using Aksara.Configuration;
using Microsoft.Extensions.Configuration;

namespace Aksara;

/// <summary>
/// Loads <see cref="AksaraOptions"/> from every source, in this order (later wins): defaults,
/// <c>appsettings.json</c> section <c>Aksara</c>, <c>.env</c>, the environment, then code given to <see cref="Configure(string?, int?, int?, string?)"/>.
/// </summary>
public static class AksaraSettings
{
    private static readonly Lock s_lock = new();
    private static Dictionary<string, string?> s_codeValues = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Settings from code; they win over every file and variable. Arguments left null keep what the other sources say.</summary>
    public static void Configure(string? databaseUrl = null, int? poolMinSize = null, int? poolMaxSize = null, string? migrationsDir = null)
    {
        lock (s_lock)
        {
            var values = new Dictionary<string, string?>(s_codeValues, StringComparer.OrdinalIgnoreCase);
            Set(values, nameof(AksaraOptions.DatabaseUrl), databaseUrl);
            Set(values, nameof(AksaraOptions.PoolMinSize), poolMinSize?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(values, nameof(AksaraOptions.PoolMaxSize), poolMaxSize?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(values, nameof(AksaraOptions.MigrationsDir), migrationsDir);
            s_codeValues = values;
        }

        static void Set(Dictionary<string, string?> values, string option, string? value)
        {
            if (value is not null)
                values[AksaraEnvironmentVariables.ConfigurationKey(option)] = value;
        }
    }

    /// <summary>Forgets what <see cref="Configure(string?, int?, int?, string?)"/> set.</summary>
    public static void Reset()
    {
        lock (s_lock)
            s_codeValues = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The effective, validated options for an application whose content root is <paramref name="contentRoot"/> (default: the current directory).</summary>
    public static AksaraOptions Load(string? contentRoot = null) => Resolve(contentRoot).Options;

    /// <summary>The options together with the source each value came from, for <c>aksara config</c>.</summary>
    internal static ResolvedSettings Resolve(string? contentRoot = null)
    {
        var root = Path.GetFullPath(contentRoot ?? Directory.GetCurrentDirectory());
        var configuration = new ConfigurationBuilder()
            .SetBasePath(root)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{EnvironmentName()}.json", optional: true)
            .AddAksaraSources(root)
            .Build();
        return ResolvedSettings.From(configuration, root);
    }

    /// <summary>
    /// Adds the <c>.env</c> file of <paramref name="contentRoot"/>, the <c>DATABASE_URL</c>/<c>AKSARA_*</c> variables
    /// and the code settings, in that order, on top of whatever <paramref name="builder"/> already holds.
    /// </summary>
    internal static IConfigurationBuilder AddAksaraSources(this IConfigurationBuilder builder, string contentRoot)
    {
        Dictionary<string, string?> codeValues;
        lock (s_lock)
            codeValues = new(s_codeValues, StringComparer.OrdinalIgnoreCase);

        return builder
            .Add(AksaraVariablesConfigurationSource.FromDotEnvFile(Path.Combine(contentRoot, DotEnvFile.FileName)))
            .Add(AksaraVariablesConfigurationSource.FromEnvironment())
            .AddInMemoryCollection(codeValues);
    }

    /// <summary>
    /// The full path of a migrations folder. An absolute <paramref name="migrationsDir"/> is kept. A relative one is taken
    /// relative to <paramref name="contentRoot"/> (default: the current directory) — the project folder under
    /// <c>dotnet run</c>, the folder <c>aksara</c> runs in — when that folder exists; otherwise relative to the app's base
    /// directory (<see cref="AppContext.BaseDirectory"/>, the folder of its <c>.dll</c>), where the build and
    /// <c>dotnet publish</c> copy <c>migrations/</c>, so that an app started from another folder
    /// (<c>dotnet /srv/shop/Shop.dll</c>) still finds its own scripts. When neither exists, the content-root path, so that
    /// a message names the folder the user expects.
    /// </summary>
    internal static string ResolveMigrationsDir(string migrationsDir, string? contentRoot = null, string? baseDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(migrationsDir);
        var fromContentRoot = Path.GetFullPath(migrationsDir, Path.GetFullPath(contentRoot ?? Directory.GetCurrentDirectory()));
        if (Path.IsPathRooted(migrationsDir) || Directory.Exists(fromContentRoot))
            return fromContentRoot;
        var fromBaseDirectory = Path.GetFullPath(migrationsDir, baseDirectory ?? AppContext.BaseDirectory);
        return Directory.Exists(fromBaseDirectory) ? fromBaseDirectory : fromContentRoot;
    }

    /// <summary>Binds the <c>Aksara</c> section of <paramref name="configuration"/> and validates it.</summary>
    internal static AksaraOptions Bind(IConfiguration configuration, string? contentRoot = null)
    {
        var options = new AksaraOptions { ContentRoot = contentRoot };
        try
        {
            options.BindSection(configuration.GetSection(AksaraOptions.SectionName));
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the text it could not convert; neither is a password (DatabaseUrl is a string).
            throw new AksaraConfigurationException($"Invalid Aksara setting: {ex.Message}");
        }
        options.Validate();
        return options;
    }

    private static string EnvironmentName() =>
        Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
        ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
        ?? "Production";
}
