using Aksara.Migrations.Running;
using Aksara.Migrations.Scripts;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Postgresql;

namespace Aksara;

/// <summary>
/// Applies migration scripts to a database with DbUp: in name order, each in its own transaction together with its
/// journal row, under an advisory lock so that replicas starting together apply each script once. Build one with
/// <see cref="For(Database)"/>. DbUp is synchronous, so the runs block their thread while scripts execute.
/// </summary>
public sealed class MigrationRunner
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(5);

    private readonly Database _database;
    private readonly Func<IScriptProvider> _scripts;
    private readonly TimeSpan _lockTimeout;
    private readonly TimeSpan? _commandTimeout;
    private readonly IUpgradeLog _log;
    private readonly Action<AppliedMigration>? _onApplied;

    internal MigrationRunner(Database database, Func<IScriptProvider> scripts, TimeSpan lockTimeout, TimeSpan? commandTimeout, IUpgradeLog log, Action<AppliedMigration>? onApplied)
    {
        _database = database;
        _scripts = scripts;
        _lockTimeout = lockTimeout;
        _commandTimeout = commandTimeout;
        _log = log;
        _onApplied = onApplied;
    }

    public static MigrationRunnerBuilder For(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new MigrationRunnerBuilder(database);
    }

    /// <summary>
    /// Applies every pending script. Refuses (applying nothing) when an applied script was modified. A failing script is
    /// rolled back and stops the run; <see cref="MigrationResult.Error"/> then says where and why.
    /// </summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var held = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        // Read after taking the lock: a run that held it before us may have applied what looked pending.
        var modified = (await GetStatusAsync(cancellationToken).ConfigureAwait(false))
            .Where(status => status.State == MigrationState.Modified).Select(status => status.Name).ToList();
        if (modified.Count > 0)
            return new MigrationResult([], new ModifiedMigrationsException(modified));

        var applied = new List<AppliedMigration>();
        var result = BuildEngine(migration =>
        {
            applied.Add(migration);
            _onApplied?.Invoke(migration);
        }).PerformUpgrade();
        return new MigrationResult(applied, result.Successful ? null : Failure(result));
    }

    /// <summary>Records every pending script as applied without running it (<c>aksara migrate --fake</c>), for a database whose schema is already there.</summary>
    public async Task<MigrationResult> MarkAsAppliedAsync(CancellationToken cancellationToken = default)
    {
        await using var held = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        var result = BuildEngine(null).MarkAsExecuted();
        var recorded = result.Scripts.Select(script => new AppliedMigration(script.Name, TimeSpan.Zero)).ToList();
        return new MigrationResult(recorded, result.Successful ? null : Failure(result));
    }

    /// <summary>Every script of the folder and of the journal, in name order, with where it stands.</summary>
    public async Task<IReadOnlyList<MigrationStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var scripts = DiscoverScripts();
        IReadOnlyList<JournalEntry> journal;
        try
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            journal = await Journal(() => null!).ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DatabaseErrors.Translate(ex, _database.Target) is { } translated)
        {
            throw translated;
        }

        var recorded = journal.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
        var statuses = new List<MigrationStatus>();
        foreach (var script in scripts)
        {
            if (!recorded.Remove(script.Name, out var entry))
            {
                statuses.Add(new MigrationStatus(script.Name, MigrationState.Pending));
                continue;
            }
            var state = entry.Checksum == ScriptChecksum.Compute(script.Contents) ? MigrationState.Applied : MigrationState.Modified;
            statuses.Add(new MigrationStatus(script.Name, state, entry.AppliedAt, Duration(entry)));
        }
        statuses.AddRange(recorded.Values.Select(entry => new MigrationStatus(entry.Name, MigrationState.Missing, entry.AppliedAt, Duration(entry))));
        return statuses.OrderBy(status => status.Name, MigrationFile.NameOrder).ToList();
    }

    /// <summary>The scripts the next run would apply, with their SQL (<c>aksara migrate --dry-run</c>). Changes nothing.</summary>
    public async Task<IReadOnlyList<PendingMigration>> GetPendingAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await GetStatusAsync(cancellationToken).ConfigureAwait(false))
            .Where(status => status.State == MigrationState.Pending)
            .Select(status => status.Name)
            .ToHashSet(StringComparer.Ordinal);
        return DiscoverScripts()
            .Where(script => pending.Contains(script.Name))
            .Select(script => new PendingMigration(script.Name, script.Contents, !ScriptDirectives.IsNoTransaction(script.Contents)))
            .ToList();
    }

    /// <summary>
    /// What <c>aksara migrate --check</c> reports: pending scripts, applied scripts missing from the folder, and applied
    /// scripts modified since. Empty when the database is exactly up to date with the folder.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken = default) =>
        (await GetStatusAsync(cancellationToken).ConfigureAwait(false)).Select(status => status.Problem).OfType<string>().ToList();

    private IReadOnlyList<SqlScript> DiscoverScripts() => _scripts().GetScripts(null!).OrderBy(script => script.Name, MigrationFile.NameOrder).ToList();

    private async Task<MigrationLock> AcquireLockAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await MigrationLock.AcquireAsync(_database.DataSource, _lockTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DatabaseErrors.Translate(ex, _database.Target) is { } translated)
        {
            throw translated;
        }
    }

    private UpgradeEngine BuildEngine(Action<AppliedMigration>? onApplied)
    {
        AksaraJournal? journal = null;
        var builder = DeployChanges.To
            .PostgresqlDatabase(new PostgresqlConnectionManager(_database.DataSource))
            .WithScripts(_scripts())
            // Each script gets its transaction from the executor, so that a script marked aksara:no-transaction can run without one.
            .WithoutTransaction()
            .WithVariablesDisabled()
            .WithScriptSorter(scripts => scripts.OrderBy(script => script.Name, MigrationFile.NameOrder))
            .LogTo(_log);
        builder.Configure(configuration =>
        {
            journal = Journal(() => configuration.ConnectionManager);
            configuration.Journal = journal;
            configuration.ScriptExecutor = new AksaraScriptExecutor(() => configuration.ConnectionManager, () => configuration.Log, journal, onApplied)
            {
                ExecutionTimeoutSeconds = _commandTimeout is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : null,
            };
        });
        return builder.Build();
    }

    private static AksaraJournal Journal(Func<DbUp.Engine.Transactions.IConnectionManager> connectionManager) => new(connectionManager);

    private AksaraException Failure(DatabaseUpgradeResult result)
    {
        var error = result.Error;
        if (error is AksaraException known)
            return known;
        if (DatabaseErrors.Translate(error, _database.Target) is AksaraConnectionException connection)
            return connection;
        var script = result.ErrorScript?.Name;
        return new AksaraException(script is null ? $"Migration failed: {error.Message}" : $"{script} failed: {error.Message}", error);
    }

    private static TimeSpan? Duration(JournalEntry entry) => entry.ExecutionMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
