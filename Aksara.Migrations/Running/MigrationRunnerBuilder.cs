using System.Reflection;
using Aksara.Migrations.Running;
using Aksara.Migrations.Scripts;
using DbUp.Engine.Output;

namespace Aksara;

/// <summary>
/// Configures a <see cref="MigrationRunner"/>:
/// <c>MigrationRunner.For(database).FromDirectory("migrations").WithLockTimeout(TimeSpan.FromMinutes(2)).Build()</c>.
/// </summary>
public sealed class MigrationRunnerBuilder
{
    private readonly Database _database;
    private IMigrationSource? _source;
    private TimeSpan _lockTimeout = MigrationRunner.DefaultLockTimeout;
    private TimeSpan? _commandTimeout;
    private IUpgradeLog _log = new NoOpUpgradeLog();
    private Action<AppliedMigration>? _onApplied;
    private Action<AppliedMigration>? _onReverted;
    private TimeSpan? _ddlLockTimeout;
    private int _ddlAttempts = LockRetryPolicy.DefaultAttempts;
    private Action<DdlLockRetry>? _onDdlLockRetry;

    internal MigrationRunnerBuilder(Database database) => _database = database;

    /// <summary>
    /// Reads <c>NNNN_name.sql</c> scripts, and the <c>NNNN_name.down.sql</c> beside each, from <paramref name="path"/>
    /// (default: the configured <c>MigrationsDir</c>). A relative path is found like <c>MigrationsDir</c>: in the content
    /// root (the current directory) if it exists there, else in the app's base directory.
    /// </summary>
    public MigrationRunnerBuilder FromDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _source = new DirectoryMigrationSource(new MigrationDirectory(AksaraSettings.ResolveMigrationsDir(path, _database.Options.ContentRoot)));
        return this;
    }

    /// <summary>Reads the <c>NNNN_name.sql</c> and <c>NNNN_name.down.sql</c> scripts embedded in <paramref name="assembly"/>, for deployments that ship no folder.</summary>
    public MigrationRunnerBuilder FromEmbeddedResources(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _source = new EmbeddedMigrationSource(assembly);
        return this;
    }

    /// <summary>How long to wait for another run on the same database to finish before giving up (default 5 minutes).</summary>
    public MigrationRunnerBuilder WithLockTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        _lockTimeout = timeout;
        return this;
    }

    /// <summary>How long one statement may run; null (the default) for no limit, since a migration may rewrite a big table.</summary>
    public MigrationRunnerBuilder WithCommandTimeout(TimeSpan? timeout)
    {
        _commandTimeout = timeout;
        return this;
    }

    /// <summary>
    /// How long each statement of a script may wait for a table lock (PostgreSQL's <c>lock_timeout</c>) before the script is
    /// rolled back and tried again; default <c>Aksara:Migrations:DdlLockTimeout</c> (2 s). While an <c>ALTER TABLE</c> waits,
    /// every later query on the table waits behind it, so a short wait protects the application. Zero: wait without limit.
    /// Concurrent index builds and <c>VALIDATE CONSTRAINT</c> are exempt (they do not block traffic while they wait).
    /// </summary>
    public MigrationRunnerBuilder WithDdlLockTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        _ddlLockTimeout = timeout;
        return this;
    }

    /// <summary>How many times in all a script that hit the DDL lock timeout is tried (default 5), waiting 0.5 s, 1 s, 2 s, 4 s … in between.</summary>
    public MigrationRunnerBuilder WithDdlRetries(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        _ddlAttempts = attempts;
        return this;
    }

    /// <summary>Called before each retry of a script that hit the DDL lock timeout, with the sessions holding the lock.</summary>
    public MigrationRunnerBuilder OnDdlLockRetry(Action<DdlLockRetry> callback)
    {
        _onDdlLockRetry = callback;
        return this;
    }

    /// <summary>Sends DbUp's log of the run (scripts, statements, errors) to <paramref name="log"/>.</summary>
    public MigrationRunnerBuilder LogTo(IUpgradeLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        return this;
    }

    /// <summary>Called after each script is applied (and committed), with its run time.</summary>
    public MigrationRunnerBuilder OnScriptApplied(Action<AppliedMigration> callback)
    {
        _onApplied = callback;
        return this;
    }

    /// <summary>Called after each migration is reverted (its down script committed and its journal row removed), with its run time.</summary>
    public MigrationRunnerBuilder OnMigrationReverted(Action<AppliedMigration> callback)
    {
        _onReverted = callback;
        return this;
    }

    public MigrationRunner Build()
    {
        if (_database.Options.PgBouncer == PgBouncerMode.Transaction)
        {
            throw new AksaraConfigurationException(
                "Migrations cannot run through PgBouncer in transaction mode (AKSARA_PGBOUNCER=transaction): the migration lock (an advisory lock), " +
                "CREATE INDEX CONCURRENTLY and a script's SET lock_timeout need one server connection for the whole run. " +
                "Migrate through a direct URL to PostgreSQL: aksara migrate --database-url postgresql://user:password@db-host:5432/app.");
        }
        // The advisory lock holds one connection for the whole run while the scripts run on another.
        if (_database.Options.PoolMaxSize < 2)
        {
            throw new AksaraConfigurationException(
                $"Migrations need a pool of at least 2 connections (PoolMaxSize is {_database.Options.PoolMaxSize}): one holds the migration lock while the scripts run on the other.");
        }
        var source = _source ?? new DirectoryMigrationSource(new MigrationDirectory(_database.Options.MigrationsPath));
        var ddlLocks = new LockRetryPolicy(_ddlLockTimeout ?? TimeSpan.FromSeconds(_database.Options.Migrations.DdlLockTimeout), _ddlAttempts);
        return new MigrationRunner(_database, source, _lockTimeout, _commandTimeout, _log, _onApplied, _onReverted, ddlLocks, _onDdlLockRetry);
    }
}
