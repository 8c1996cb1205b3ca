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
}
