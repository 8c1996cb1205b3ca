namespace Aksara;

/// <summary>Settings of the migration runner: the <c>Migrations</c> part of the <c>Aksara</c> section.</summary>
public sealed record AksaraMigrationOptions
{
    /// <summary>The configuration key of <see cref="DdlLockTimeout"/> under the <c>Aksara</c> section.</summary>
    internal const string DdlLockTimeoutKey = nameof(AksaraOptions.Migrations) + ":" + nameof(DdlLockTimeout);

    /// <summary>
    /// Seconds (fractions allowed) each migration statement may wait for a table lock before its script is rolled back and
    /// retried (PostgreSQL's <c>lock_timeout</c>); 0 waits without limit. A DDL statement waiting in the lock queue holds up
    /// every later query on its table, so the wait is kept short.
    /// </summary>
    public double DdlLockTimeout { get; set; } = 2;

    /// <summary>The configuration key of <see cref="Schema"/> under the <c>Aksara</c> section.</summary>
    internal const string SchemaKey = nameof(AksaraOptions.Migrations) + ":" + nameof(Schema);

    /// <summary>
    /// The schema of the migrations journal (<c>aksara_migrations</c>); when not set, the models' schema
    /// (<c>Aksara:Schema</c>). A migrator that owns only its application's schema keeps the journal there: creating it in
    /// <c>public</c> needs CREATE on <c>public</c>, which PostgreSQL 15+ grants nobody.
    /// </summary>
    public string? Schema { get; set; }

    /// <summary>The configuration key of <see cref="RuntimeRole"/> under the <c>Aksara</c> section.</summary>
    internal const string RuntimeRoleKey = nameof(AksaraOptions.Migrations) + ":" + nameof(RuntimeRole);

    /// <summary>
    /// The role the application runs as, apart from the role that migrates: after each successful run, migrations grant it
    /// what the runtime needs (USAGE on the schemas, SELECT/INSERT/UPDATE/DELETE on tables, USAGE/SELECT on sequences,
    /// the same by default on later tables) and nothing more. Null grants nothing.
    /// </summary>
    public string? RuntimeRole { get; set; }
}
