namespace Aksara.Configuration;

/// <summary>The environment variables (and <c>.env</c> keys) Aksara reads, and the option each one sets.</summary>
internal static class AksaraEnvironmentVariables
{
    // Order matters: a later variable wins over an earlier one that sets the same option.
    internal static readonly IReadOnlyList<(string Variable, string Option)> All =
    [
        ("DATABASE_URL", nameof(AksaraOptions.DatabaseUrl)),
        ("AKSARA_DATABASE_URL", nameof(AksaraOptions.DatabaseUrl)),
        ("AKSARA_POOL_MIN_SIZE", nameof(AksaraOptions.PoolMinSize)),
        ("AKSARA_POOL_MAX_SIZE", nameof(AksaraOptions.PoolMaxSize)),
        ("AKSARA_MIGRATIONS_DIR", nameof(AksaraOptions.MigrationsDir)),
        ("AKSARA_COMMAND_TIMEOUT", nameof(AksaraOptions.CommandTimeoutSeconds)),
        ("AKSARA_CONNECTION_TIMEOUT", nameof(AksaraOptions.ConnectionTimeoutSeconds)),
        ("AKSARA_APPLICATION_NAME", nameof(AksaraOptions.ApplicationName)),
        ("AKSARA_SCHEMA", nameof(AksaraOptions.Schema)),
        ("AKSARA_PGBOUNCER", nameof(AksaraOptions.PgBouncer)),
        ("AKSARA_MIGRATIONS_DDL_LOCK_TIMEOUT", AksaraMigrationOptions.DdlLockTimeoutKey),
        ("AKSARA_MIGRATIONS_SCHEMA", AksaraMigrationOptions.SchemaKey),
        ("AKSARA_MIGRATIONS_RUNTIME_ROLE", AksaraMigrationOptions.RuntimeRoleKey),
    ];

    internal static string ConfigurationKey(string option) => $"{AksaraOptions.SectionName}:{option}";
}
