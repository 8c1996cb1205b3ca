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

    private readonly string _contentRoot;

    private MigrationEnvironment(ResolvedSettings settings, AksaraOptions options, MigrationDirectory directory, string contentRoot)
    {
        _settings = settings;
        Options = options;
        Directory = directory;
        _contentRoot = contentRoot;
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
        return new MigrationEnvironment(settings, options, new MigrationDirectory(Path.GetFullPath(migrationsDir ?? options.MigrationsDir, root)), root);
    }

    /// <summary>
    /// Set when no URL is configured and the project's local development database (<c>aksara dbsetup --local</c>, or the
    /// starter app in Development) runs: its URL, which <see cref="OpenDatabaseAsync"/> then uses.
    /// </summary>
    public string? LocalDevelopmentDatabaseUrl { get; private set; }

    /// <summary>
    /// The configured database; with no URL configured, the project's running local development database, found as the
    /// starter app finds it (the database named after the project folder). Throws <see cref="AksaraConfigurationException"/>
    /// when there is neither, saying how to get one.
    /// </summary>
    public async Task<Database> OpenDatabaseAsync(CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(Options.DatabaseUrl))
        {
            var local = await LocalDevelopmentDatabase.GetStatusAsync(_contentRoot, cancellationToken).ConfigureAwait(false);
            if (local.State == LocalDatabaseState.Stopped)
                throw new AksaraConfigurationException(
                    $"DATABASE_URL is not set, and this project's local development database ({local.DataDirectory}) is stopped. " +
                    "Start it with `aksara db start` (or run the app in Development), or set DATABASE_URL.");
            if (local.State == LocalDatabaseState.Running)
                Options.DatabaseUrl = LocalDevelopmentDatabaseUrl = local.GetDatabaseUrl(DatabaseNames.FromFolderName(new DirectoryInfo(_contentRoot).Name));
        }
        _settings.RequireDatabaseUrl();
        return new Database(Options);
    }
}
