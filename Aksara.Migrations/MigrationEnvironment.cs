using Aksara.Configuration;
using Aksara.Migrations.Scripts;

namespace Aksara.Migrations;

/// <summary>
/// Where the migration commands find their settings: <see cref="AksaraSettings"/> of the current folder (<c>.env</c>,
/// <c>appsettings.json</c>, environment), with the command line's <c>--database-url</c> and migrations folder on top.
/// </summary>
internal sealed class MigrationEnvironment
{
    private readonly ResolvedSettings _settings;

    private MigrationEnvironment(ResolvedSettings settings, AksaraOptions options, MigrationDirectory directory)
    {
        _settings = settings;
        Options = options;
        Directory = directory;
    }

    public AksaraOptions Options { get; }

    public MigrationDirectory Directory { get; }

    /// <summary>Loads the settings; throws <see cref="AksaraConfigurationException"/> for an invalid one.</summary>
    public static MigrationEnvironment Load(string? migrationsDir = null, string? databaseUrl = null, string? contentRoot = null)
    {
        var root = Path.GetFullPath(contentRoot ?? System.IO.Directory.GetCurrentDirectory());
        var settings = AksaraSettings.Resolve(root);
        var options = settings.Options;
        if (!string.IsNullOrWhiteSpace(databaseUrl))
        {
            options.DatabaseUrl = databaseUrl;
            // AKSARA_PGBOUNCER describes the configured URL; the one given here is how migrations get past the bouncer.
            options.PgBouncer = PgBouncerMode.None;
        }
        // A migration run needs two connections (the lock and the scripts) and no warm pool.
        options.PoolMinSize = 0;
        options.PoolMaxSize = Math.Max(options.PoolMaxSize, 2);
        return new MigrationEnvironment(settings, options, new MigrationDirectory(Path.GetFullPath(migrationsDir ?? options.MigrationsDir, root)));
    }

    /// <summary>The configured database; throws <see cref="AksaraConfigurationException"/> when no URL is set.</summary>
    public Database OpenDatabase()
    {
        _settings.RequireDatabaseUrl();
        return new Database(Options);
    }
}
