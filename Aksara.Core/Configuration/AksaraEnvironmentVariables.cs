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
        ("AKSARA_REPLICA_MAX_LAG", nameof(AksaraOptions.ReplicaMaxLagSeconds)),
        ("AKSARA_MIGRATIONS_DDL_LOCK_TIMEOUT", AksaraMigrationOptions.DdlLockTimeoutKey),
        ("AKSARA_MIGRATIONS_SCHEMA", AksaraMigrationOptions.SchemaKey),
        ("AKSARA_MIGRATIONS_RUNTIME_ROLE", AksaraMigrationOptions.RuntimeRoleKey),
    ];

    /// <summary>Variables that hold a list, one configuration key per item (<c>Aksara:Replicas:0</c>, …).</summary>
    internal static readonly IReadOnlyList<(string Variable, string Option)> Lists =
    [
        ("AKSARA_REPLICA_URLS", nameof(AksaraOptions.Replicas)),
    ];

    /// <summary>
    /// The items of a list variable: separated by white space, or by commas before a URL or keyword string — a comma
    /// inside one URL separates the hosts of a multi-host URL.
    /// </summary>
    internal static string[] Items(string value) =>
        System.Text.RegularExpressions.Regex.Split(value.Trim(), @"\s+|,\s*(?=(?:postgres(?:ql)?://|host=))", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .Select(item => item.Trim().TrimEnd(','))
            .Where(item => item.Length > 0)
            .ToArray();

    internal static string ConfigurationKey(string option) => $"{AksaraOptions.SectionName}:{option}";
}
