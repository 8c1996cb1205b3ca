using System.Diagnostics;
using Aksara.Errors;
using Aksara.Migrations.Introspection;
using Aksara.Migrations.Running;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Postgresql;
using Npgsql;

namespace Aksara;

/// <summary>
/// Applies migration scripts to a database with DbUp, and reverts them with their down scripts: in name order (reverts
/// newest first), each in its own transaction together with its journal row, under an advisory lock so that replicas
/// starting together apply each script once. Build one with <see cref="For(Database)"/>. DbUp is synchronous, so the
/// runs block their thread while scripts execute.
/// </summary>
public sealed class MigrationRunner
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The target of <see cref="MigrateToAsync"/> before the first migration: revert everything.</summary>
    public const string Zero = "zero";

    private readonly Database _database;
    private readonly IMigrationSource _source;
    private readonly TimeSpan _lockTimeout;
    private readonly TimeSpan? _commandTimeout;
    private readonly LockRetryPolicy _ddlLocks;
    private readonly Action<DdlLockRetry>? _onDdlLockRetry;
    private readonly IUpgradeLog _log;
    private readonly Action<AppliedMigration>? _onApplied;
    private readonly Action<AppliedMigration>? _onReverted;

    internal MigrationRunner(Database database, IMigrationSource source, TimeSpan lockTimeout, TimeSpan? commandTimeout, IUpgradeLog log,
        Action<AppliedMigration>? onApplied, Action<AppliedMigration>? onReverted, LockRetryPolicy ddlLocks, Action<DdlLockRetry>? onDdlLockRetry)
    {
        _ddlLocks = ddlLocks;
        _onDdlLockRetry = onDdlLockRetry;
        _database = database;
        _source = source;
        _lockTimeout = lockTimeout;
        _commandTimeout = commandTimeout;
        _log = log;
        _onApplied = onApplied;
        _onReverted = onReverted;
    }

    public static MigrationRunnerBuilder For(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new MigrationRunnerBuilder(database);
    }

    /// <summary>
    /// Applies every pending script. Refuses (applying nothing) when an applied script was modified or one was interrupted.
    /// A failing script is rolled back and stops the run; <see cref="MigrationResult.Error"/> then says where and why.
    /// </summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await RequireRuntimeRoleAsync(cancellationToken).ConfigureAwait(false);
        return await GrantRuntimeAccessAsync(await MoveAsync(null, allowDestructive: false, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the database to <paramref name="target"/> (a name, a number, or <see cref="Zero"/>): reverts every applied
    /// migration after it, newest first, with its down script, then applies the pending scripts up to and including it.
    /// Refuses, changing nothing, when a revert would cross an irreversible migration, or a destructive down script
    /// (one that drops a table or a column) without <paramref name="allowDestructive"/>.
    /// </summary>
    public async Task<MigrationResult> MigrateToAsync(string target, bool allowDestructive = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        await RequireRuntimeRoleAsync(cancellationToken).ConfigureAwait(false);
        return await GrantRuntimeAccessAsync(await MoveAsync(target, allowDestructive, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A runtime role that does not exist is refused before anything runs (<see cref="AksaraConfigurationException"/>).</summary>
    private Task RequireRuntimeRoleAsync(CancellationToken cancellationToken) =>
        _database.Options.Migrations.RuntimeRole is { Length: > 0 } role
            ? RunOnConnectionAsync(connection => RuntimeGrants.RequireRoleAsync(connection, role, cancellationToken), cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// After a successful run, grants <c>Aksara:Migrations:RuntimeRole</c> what the application needs (<see cref="RuntimeGrants"/>);
    /// a grant that fails is the run's error, the migrations themselves staying applied.
    /// </summary>
    private async Task<MigrationResult> GrantRuntimeAccessAsync(MigrationResult result, CancellationToken cancellationToken)
    {
        if (!result.Successful || _database.Options.Migrations.RuntimeRole is not { Length: > 0 } role)
            return result;
        try
        {
            await RunOnConnectionAsync(connection => RuntimeGrants.ApplyAsync(connection, role, JournalTable, cancellationToken), cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (AksaraException ex)
        {
            return result with { Error = ex };
        }
    }

    /// <summary>What <see cref="MigrateToAsync"/> (or, with a null target, <see cref="MigrateAsync"/>) would do now. Changes nothing.</summary>
    public async Task<MigrationPlan> GetPlanAsync(string? target = null, CancellationToken cancellationToken = default)
    {
        var scripts = LoadScripts();
        var journal = await ReadJournalAsync(cancellationToken).ConfigureAwait(false);
        return MigrationPlanner.ToPublic(MigrationPlanner.Plan(scripts, journal, target));
    }

    /// <summary>Records every pending script as applied without running it (<c>aksara migrate --fake</c>), for a database whose schema is already there.</summary>
    public Task<MigrationResult> MarkAsAppliedAsync(CancellationToken cancellationToken = default) => FakeAsync(null, cancellationToken);

    /// <summary>
    /// Records the pending scripts up to <paramref name="target"/> as applied, or un-records the migrations after it, without
    /// running any SQL (<c>aksara migrate --fake --to NAME</c>): for adopting a database, or after reverting by hand.
    /// </summary>
    public Task<MigrationResult> FakeToAsync(string target, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return FakeAsync(target, cancellationToken);
    }

    /// <summary>
    /// Settles a migration left <see cref="MigrationState.InProgress"/> by a run that was killed: <paramref name="applied"/>
    /// true records it as applied (its changes are all in the database), false removes its row (none are; the next run
    /// applies it again).
    /// </summary>
    public async Task ResolveAsync(string name, bool applied, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var held = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        var scripts = LoadScripts();
        await RunOnConnectionAsync(async connection =>
        {
            var journal = await Journal(scripts).ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            var entry = journal.FirstOrDefault(row => row.Name == name || row.Name == MigrationPlanner.Find(scripts, journal, name))
                ?? throw new AksaraException($"{name} is not in the journal of this database: there is nothing to resolve.");
            if (entry.State == JournalRowState.Applied)
                throw new AksaraException($"{entry.Name} is not in progress: it is recorded as applied. --resolve is only for a migration that `aksara migrate --list` shows as in progress.");
            var writer = Journal(scripts);
            writer.EnsureTable(connection);
            if (applied)
                writer.MarkApplied(connection, entry.Name, null);
            else
                writer.Delete(connection, null, entry.Name);
            _log.LogInformation("Resolved {0} as {1}", entry.Name, applied ? "applied" : "rolled back");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every script of the folder and of the journal, in name order, with where it stands.</summary>
    public async Task<IReadOnlyList<MigrationStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var scripts = LoadScripts();
        var journal = await ReadJournalAsync(cancellationToken).ConfigureAwait(false);
        return MigrationPlanner.Status(scripts, journal);
    }

    /// <summary>The scripts the next run would apply, with their SQL (<c>aksara migrate --dry-run</c>). Changes nothing.</summary>
    public async Task<IReadOnlyList<PendingMigration>> GetPendingAsync(CancellationToken cancellationToken = default) =>
        (await GetPlanAsync(null, cancellationToken).ConfigureAwait(false)).Applies;

    /// <summary>
    /// What <c>aksara migrate --check</c> reports: pending scripts, applied scripts missing from the folder, applied scripts
    /// modified since, and interrupted ones. Empty when the database is exactly up to date with the folder.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken = default) =>
        (await GetStatusAsync(cancellationToken).ConfigureAwait(false)).Select(status => status.Problem).OfType<string>().ToList();

    /// <summary>
    /// Compares the live schema with the snapshot of the newest migration (<c>migrate --check</c>'s drift part). Skipped,
    /// saying why, when there is no snapshot or the database has not reached the snapshot's migration yet (then the
    /// pending scripts are what the check reports).
    /// </summary>
    internal async Task<DriftOutcome> CheckDriftAsync(CancellationToken cancellationToken = default)
    {
        // The application's snapshot and one per module it uses: together they describe every table the migrations manage.
        var snapshots = _source.LoadSnapshots();
        if (snapshots.Count == 0)
            return new DriftOutcome(null, "there is no snapshot (aksara.snapshot.json) to compare with");
        var journal = await ReadJournalAsync(cancellationToken).ConfigureAwait(false);
        if (snapshots.Select(snapshot => snapshot.LatestMigration!).FirstOrDefault(latest => !journal.Any(entry => entry.Name == latest && entry.State == JournalRowState.Applied)) is { } notYet)
            return new DriftOutcome(null, $"the snapshot describes the schema as of {notYet}, which this database has not applied yet");
        var schema = new DatabaseSchema(snapshots.SelectMany(snapshot => snapshot.Schema.Tables), snapshots.SelectMany(snapshot => snapshot.Schema.EnumTypes).DistinctBy(type => type.QualifiedName));
        var kept = snapshots.SelectMany(snapshot => snapshot.Kept).Distinct().ToList();
        DriftReport? report = null;
        await RunOnConnectionAsync(async connection =>
            report = await DriftCheck.RunAsync(connection, schema, JournalTable, kept, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return new DriftOutcome(report, null);
    }

    private async Task<MigrationResult> MoveAsync(string? target, bool allowDestructive, CancellationToken cancellationToken)
    {
        await using var held = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        var scripts = LoadScripts();
        // Read after taking the lock: a run that held it before us may have applied what looked pending.
        var journal = await SettleInterruptedAsync(scripts, await ReadJournalAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var modified = MigrationPlanner.Status(scripts, journal).Where(status => status.State == MigrationState.Modified && !status.DownModified).Select(status => status.Name).ToList();
        if (modified.Count > 0)
            return new MigrationResult([], new ModifiedMigrationsException(modified));

        MigrationPlanner.RunPlan plan;
        try
        {
            plan = MigrationPlanner.Plan(scripts, journal, target);
        }
        catch (AksaraException refused)
        {
            return new MigrationResult([], refused);
        }
        if (!allowDestructive && plan.Reverts.FirstOrDefault(script => MigrationPlanner.DataLoss(script).Count > 0) is { } destructive)
        {
            return new MigrationResult([], new AksaraException(
                $"Reverting {destructive.Name} deletes data ({string.Join("; ", MigrationPlanner.DataLoss(destructive))}). Nothing was changed. "
                + "Confirm it to go ahead (aksara migrate --to … --yes)."));
        }

        var reverted = new List<AppliedMigration>();
        foreach (var script in plan.Reverts)
        {
            try
            {
                reverted.Add(await Task.Run(() => ScriptExecution.Traced(script.Name, down: true, DatabaseName, () => Revert(script, scripts)), cancellationToken).ConfigureAwait(false));
                _onReverted?.Invoke(reverted[^1]);
            }
            catch (Exception ex) when (ex is AksaraException or NpgsqlException)
            {
                return new MigrationResult([], AsFailure(ex, script.Name)) { Reverted = reverted };
            }
        }

        var applied = new List<AppliedMigration>();
        if (plan.Applies.Count == 0)
            return new MigrationResult(applied) { Reverted = reverted };
        var result = BuildEngine(plan.Applies, scripts, migration =>
        {
            applied.Add(migration);
            _onApplied?.Invoke(migration);
        }).PerformUpgrade();
        return new MigrationResult(applied, result.Successful ? null : Failure(result)) { Reverted = reverted };
    }

    private async Task<MigrationResult> FakeAsync(string? target, CancellationToken cancellationToken)
    {
        await using var held = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        var scripts = LoadScripts();
        var journal = await ReadJournalAsync(cancellationToken).ConfigureAwait(false);
        MigrationPlanner.RunPlan plan;
        try
        {
            plan = MigrationPlanner.Plan(scripts, journal, target, requireReversible: false);
        }
        catch (AksaraException refused)
        {
            return new MigrationResult([], refused);
        }
        var recorded = new List<AppliedMigration>();
        var unrecorded = new List<AppliedMigration>();
        await RunOnConnectionAsync(connection =>
        {
            var writer = Journal(scripts);
            foreach (var script in plan.Reverts)
            {
                writer.Delete(connection, null, script.Name);
                unrecorded.Add(new AppliedMigration(script.Name, TimeSpan.Zero));
            }
            foreach (var script in plan.Applies)
            {
                writer.Insert(connection, null, script, null, JournalRowState.Applied);
                recorded.Add(new AppliedMigration(script.Name, TimeSpan.Zero));
            }
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return new MigrationResult(recorded) { Reverted = unrecorded };
    }

    private string? DatabaseName => new NpgsqlConnectionStringBuilder(_database.DataSource.ConnectionString).Database;

    private AppliedMigration Revert(MigrationScript script, IReadOnlyList<MigrationScript> scripts)
    {
        var down = script.Down!;
        var label = script.Name + MigrationFile.DownExtension;
        var transactional = !ScriptDirectives.IsNoTransaction(down);
        var journal = Journal(scripts);
        var execution = new ScriptExecution(new PostgresqlConnectionManager(_database.DataSource).SplitScriptIntoCommands, CommandTimeoutSeconds, _log, _ddlLocks);
        _log.LogInformation("Reverting {0}{1}", script.Name, transactional ? "" : " (no transaction)");
        var stopwatch = Stopwatch.StartNew();
        using var connection = _database.DataSource.OpenConnection();
        journal.EnsureTable(connection);
        if (transactional)
        {
            execution.WithLockRetries(connection, label, _ =>
            {
                using var transaction = connection.BeginTransaction();
                execution.Run(connection, transaction, label, down, _ => $"The down script was rolled back; {script.Name} stays applied.");
                ScriptExecution.Record(label, () =>
                {
                    journal.Delete(connection, transaction, script.Name);
                    transaction.Commit();
                }, $"The down script was rolled back; {script.Name} stays applied.");
            }, _onDdlLockRetry);
        }
        else
        {
            ScriptExecution.Record(label, () => journal.MarkReverting(connection, script.Name), $"Nothing of the down script ran; {script.Name} stays applied.");
            try
            {
                execution.WithLockRetries(connection, label, startAt => execution.Run(connection, null, label, down, done =>
                    $"The down script runs without a transaction: the {done} statement(s) before this one stay applied, and {script.Name} is still recorded as applied.", startAt),
                    _onDdlLockRetry);
            }
            catch (MigrationScriptException)
            {
                ScriptExecution.TryRecord(() => journal.MarkApplied(connection, script.Name, null));
                throw;
            }
            ScriptExecution.Record(label, () => journal.Delete(connection, null, script.Name),
                $"Every statement ran, but the journal still lists {script.Name}: run `aksara migrate --resolve {script.Name} --rolled-back`.");
        }
        return new AppliedMigration(script.Name, stopwatch.Elapsed);
    }

    /// <summary>
    /// Rows left started (or reverting) by a killed run whose outcome the database itself shows: a script of concurrent
    /// index builds and drops finished when every index it builds exists and is valid and every one it drops is gone.
    /// Those are settled; any other stays, and stops the run with instructions.
    /// </summary>
    private async Task<IReadOnlyList<JournalEntry>> SettleInterruptedAsync(IReadOnlyList<MigrationScript> scripts, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken)
    {
        var interrupted = journal.Where(entry => entry.State != JournalRowState.Applied).ToList();
        if (interrupted.Count == 0)
            return journal;
        var byName = scripts.ToDictionary(script => script.Name, StringComparer.Ordinal);
        var splitter = new PostgresqlConnectionManager(_database.DataSource);
        var settled = false;
        await RunOnConnectionAsync(connection =>
        {
            foreach (var entry in interrupted)
            {
                if (!byName.TryGetValue(entry.Name, out var script))
                    continue;
                var sql = entry.State == JournalRowState.Started ? script.Up : script.Down;
                if (sql is null)
                    continue;
                var statements = ScriptStatement.Locate(sql, splitter.SplitScriptIntoCommands(sql)).Select(statement => ConcurrentIndexStatement.TryParse(statement.Code)).ToList();
                if (statements.Count == 0 || statements.Any(statement => statement is null) || !statements.All(statement => statement!.ReadState(connection) == (statement.IsDrop ? null : true)))
                    continue;
                var writer = Journal(scripts);
                writer.EnsureTable(connection);
                if (entry.State == JournalRowState.Started)
                    writer.MarkApplied(connection, entry.Name, null);
                else
                    writer.Delete(connection, null, entry.Name);
                _log.LogInformation("{0} was interrupted, but every index it builds or drops is in place: recorded as {1}", entry.Name, entry.State == JournalRowState.Started ? "applied" : "reverted");
                settled = true;
            }
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return settled ? await ReadJournalAsync(cancellationToken).ConfigureAwait(false) : journal;
    }

    /// <summary>The scripts in the order they apply (each module's before the application's), as the source gives them.</summary>
    private IReadOnlyList<MigrationScript> LoadScripts() => _source.Load();

    private AksaraJournal Journal(IReadOnlyList<MigrationScript> scripts)
    {
        var byName = scripts.ToDictionary(script => script.Name, StringComparer.Ordinal);
        return new AksaraJournal(name => byName.GetValueOrDefault(name), JournalTable.Schema);
    }

    /// <summary>The journal's table: <c>aksara_migrations</c> in <c>Aksara:Migrations:Schema</c>, else in <c>Aksara:Schema</c>.</summary>
    internal QualifiedName JournalTable => new(_database.Options.JournalSchema, AksaraJournal.DefaultTable);

    private async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<JournalEntry> journal = [];
        await RunOnConnectionAsync(async connection =>
            journal = await Journal([]).ReadAsync(connection, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return journal;
    }

    private async Task RunOnConnectionAsync(Func<NpgsqlConnection, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await work(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (DatabaseErrors.Translate(ex, _database.Target) is { } translated)
        {
            throw translated;
        }
    }

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

    private int? CommandTimeoutSeconds => _commandTimeout is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : null;

    private UpgradeEngine BuildEngine(IReadOnlyList<MigrationScript> toApply, IReadOnlyList<MigrationScript> all, Action<AppliedMigration>? onApplied)
    {
        var byName = all.ToDictionary(script => script.Name, StringComparer.Ordinal);
        var position = toApply.Select((script, index) => (script.Name, index)).ToDictionary(item => item.Name, item => item.index, StringComparer.Ordinal);
        var builder = DeployChanges.To
            .PostgresqlDatabase(new PostgresqlConnectionManager(_database.DataSource))
            .WithScripts(new MigrationScriptProvider(toApply))
            // Each script gets its transaction from the executor, so that a script marked aksara:no-transaction can run without one.
            .WithoutTransaction()
            .WithVariablesDisabled()
            // The plan's order: each module's migrations before the application's that depend on them.
            .WithScriptSorter(scripts => scripts.OrderBy(script => position[script.Name]))
            .LogTo(_log);
        builder.Configure(configuration =>
        {
            var journal = new AksaraJournal(name => byName.GetValueOrDefault(name), JournalTable.Schema);
            configuration.Journal = journal;
            configuration.ScriptExecutor = new AksaraScriptExecutor(() => configuration.ConnectionManager, () => configuration.Log, journal, byName, onApplied)
            {
                ExecutionTimeoutSeconds = CommandTimeoutSeconds,
                DdlLocks = _ddlLocks,
                OnDdlLockRetry = _onDdlLockRetry,
                Database = DatabaseName,
            };
        });
        return builder.Build();
    }

    private AksaraException Failure(DatabaseUpgradeResult result) => AsFailure(result.Error, result.ErrorScript?.Name);

    private AksaraException AsFailure(Exception error, string? script)
    {
        if (error is AksaraException known)
            return known;
        if (DatabaseErrors.Translate(error, _database.Target) is AksaraConnectionException connection)
            return connection;
        return new AksaraException(script is null ? $"Migration failed: {error.Message}" : $"{script} failed: {error.Message}", error);
    }
}
