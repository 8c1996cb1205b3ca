using Aksara.Migrations.Scripts;

namespace Aksara.Migrations.Running;

/// <summary>
/// What a run would do, worked out from the migrations and the journal alone (no database): the steps to a target, the
/// status of each migration, and what a refusal says. <see cref="MigrationRunner"/> reads both under its lock and acts on this.
/// </summary>
internal static class MigrationPlanner
{
    /// <summary>
    /// The steps from where the journal stands to <paramref name="target"/> (null: the newest script). Throws, naming the
    /// migration, when a revert would cross one that cannot be reverted.
    /// </summary>
    public static RunPlan Plan(IReadOnlyList<MigrationScript> scripts, IReadOnlyList<JournalEntry> journal, string? target, bool requireReversible = true)
    {
        if (journal.FirstOrDefault(entry => entry.State != JournalRowState.Applied) is { } interrupted)
            throw new AksaraException(InterruptedMessage(interrupted));
        var byName = scripts.ToDictionary(script => script.Name, StringComparer.Ordinal);
        var order = Order(scripts);
        var applied = journal.Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
        var limit = target is null ? null : Find(scripts, journal, target)
            ?? throw new AksaraException($"There is no migration {target}." + Known(scripts) + $" Use `{MigrationRunner.Zero}` to revert every migration"
                + (scripts.FirstOrDefault(script => script.Module.Length > 0)?.Module is { } module ? $", `{module}:{MigrationRunner.Zero}` every migration of module {module}." : "."));
        var (limitModule, limitName) = limit is null ? (MigrationName.App, null) : MigrationName.Split(limit);
        // --to moves one source: the application's own migrations, or one module's (auth:0001_initial, auth:zero); --to zero moves all.
        bool After(string name)
        {
            if (limit is null)
                return false;
            if (limit == MigrationRunner.Zero)
                return true;
            if (MigrationName.ModuleOf(name) != limitModule)
                return false;
            if (limitName == MigrationRunner.Zero)
                return true;
            return order.TryGetValue(name, out var position) && order.TryGetValue(limit, out var limitPosition)
                ? position > limitPosition
                : MigrationFile.NameOrder.Compare(MigrationName.Split(name).Name, limitName!) > 0;
        }
        // A source after the target's is left as it is: its migrations may depend on the ones the target leaves out.
        bool Untouched(string name) => limit is not null && limit != MigrationRunner.Zero && SourceRank(MigrationName.ModuleOf(name)) > SourceRank(limitModule);

        var reverts = new List<MigrationScript>();
        foreach (var entry in journal.Where(entry => After(entry.Name)).OrderByDescending(entry => order.GetValueOrDefault(entry.Name, -1)).ThenByDescending(entry => entry.Name, MigrationFile.NameOrder))
        {
            if (!byName.TryGetValue(entry.Name, out var script))
                throw new AksaraException($"Cannot go back to {limit}: {entry.Name} was applied but its script is not in the migrations, so it cannot be reverted. Nothing was changed.");
            if (requireReversible && script.Irreversible is { } reason)
                throw new AksaraException($"Cannot go back to {limit}: {reason}, so it cannot be reverted. Nothing was changed. "
                    + $"Revert it by hand if you must, then record that with `aksara migrate --fake --to {limit}`.");
            if (requireReversible && entry.DownChecksum is { } recorded && recorded != script.DownChecksum)
                throw new AksaraException($"Cannot go back to {limit}: {entry.Name}'s down script was modified after the migration was applied. Nothing was changed. "
                    + "Restore it (git), or, if the edit is deliberate, re-record the migration with `aksara migrate --fake --to` before and after it.");
            reverts.Add(script);
        }
        var reverted = reverts.Select(script => script.Name).ToHashSet(StringComparer.Ordinal);
        var remaining = applied.Where(name => !reverted.Contains(name)).ToHashSet(StringComparer.Ordinal);
        foreach (var dependent in remaining.Select(byName.GetValueOrDefault).OfType<MigrationScript>())
        {
            if (dependent.DependsOn.FirstOrDefault(reverted.Contains) is { } needed)
                throw new AksaraException($"Cannot go back to {limit}: {dependent.Name} depends on {needed} (it references its tables) and stays applied. Nothing was changed. "
                    + $"Revert the application's migrations first (aksara migrate --to <the one before {dependent.Name}>).");
        }
        var applies = scripts.Where(script => !applied.Contains(script.Name) && !After(script.Name) && !Untouched(script.Name)).ToList();
        var available = remaining.Concat(applies.Select(script => script.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var script in applies)
        {
            if (script.DependsOn.FirstOrDefault(needed => !available.Contains(needed)) is { } missing)
                throw new AksaraException(byName.ContainsKey(missing)
                    ? $"{script.Name} depends on {missing}, which this run would not apply. Nothing was changed. Migrate to a target that includes it, or run `aksara migrate` without --to."
                    : $"{script.Name} depends on {missing}, which is not in the migrations. Nothing was changed. "
                        + $"Run `aksara makemigrations` in the application: it copies the migrations of the modules it uses to {MigrationDirectory.ModulesFolder}/<module>/.");
        }
        return new RunPlan(reverts, applies);
    }

    /// <summary>Each module's migrations before the application's: the order <see cref="IMigrationSource.Load"/> gives.</summary>
    private static int SourceRank(string module) => module.Length == 0 ? 1 : 0;

    private static Dictionary<string, int> Order(IReadOnlyList<MigrationScript> scripts) =>
        scripts.Select((script, position) => (script.Name, position)).ToDictionary(item => item.Name, item => item.position, StringComparer.Ordinal);

    private static string InterruptedMessage(JournalEntry entry)
    {
        var what = entry.State == JournalRowState.Started ? "ran" : "was being reverted";
        return $"{entry.Name} was interrupted: it {what} without a transaction, and the run that started it ({entry.AppliedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC) never finished "
            + "(its process was killed or lost its connection), so its statements may have run in full, in part, or not at all. Nothing was changed. "
            + "Check the database (a statement may still be running: see pg_stat_activity), then record what you found:" + Environment.NewLine
            + $"  aksara migrate --resolve {entry.Name} --applied       its changes are all in the database{(entry.State == JournalRowState.Started ? "" : " (the down script did not undo them)")}" + Environment.NewLine
            + (entry.State == JournalRowState.Started
                ? $"  aksara migrate --resolve {entry.Name} --rolled-back   none of them are (make the script safe to run again first; an INVALID index it built is dropped by the next run)"
                : $"  aksara migrate --resolve {entry.Name} --rolled-back   the down script ran in full: the migration is reverted");
    }

    public static IReadOnlyList<MigrationStatus> Status(IReadOnlyList<MigrationScript> scripts, IReadOnlyList<JournalEntry> journal)
    {
        var recorded = journal.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
        var statuses = new List<MigrationStatus>();
        foreach (var script in scripts)
        {
            var reversible = script.Irreversible is null;
            if (!recorded.Remove(script.Name, out var entry))
            {
                statuses.Add(new MigrationStatus(script.Name, MigrationState.Pending) { Reversible = reversible });
                continue;
            }
            var downModified = entry.DownChecksum is { } down && down != script.DownChecksum;
            var state = entry.State != JournalRowState.Applied ? MigrationState.InProgress
                : entry.Checksum != script.Checksum || downModified ? MigrationState.Modified
                : MigrationState.Applied;
            statuses.Add(new MigrationStatus(script.Name, state, entry.AppliedAt, Duration(entry))
            {
                Reversible = reversible,
                DownModified = state == MigrationState.Modified && entry.Checksum == script.Checksum,
            });
        }
        // The scripts in the order they apply; rows without a script where their module's would be, by name.
        statuses.AddRange(recorded.Values.Select(entry => new MigrationStatus(entry.Name,
            entry.State != JournalRowState.Applied ? MigrationState.InProgress : MigrationState.Missing, entry.AppliedAt, Duration(entry))));
        return statuses
            .OrderBy(status => SourceRank(MigrationName.ModuleOf(status.Name)))
            .ThenBy(status => MigrationName.ModuleOf(status.Name), StringComparer.Ordinal)
            .ThenBy(status => MigrationName.Split(status.Name).Name, MigrationFile.NameOrder)
            .ToList();
    }

    /// <summary>
    /// The migration called <paramref name="name"/>: its full name, its file name, or its number, a module's prefixed with
    /// the module (<c>auth:0002</c>); <see cref="MigrationRunner.Zero"/> (and a module's <c>auth:zero</c>) stays itself.
    /// </summary>
    public static string? Find(IReadOnlyList<MigrationScript> scripts, IReadOnlyList<JournalEntry> journal, string name)
    {
        if (name.Equals(MigrationRunner.Zero, StringComparison.OrdinalIgnoreCase))
            return MigrationRunner.Zero;
        var (module, local) = MigrationName.Split(name);
        var known = scripts.Select(script => script.Name).Concat(journal.Select(entry => entry.Name)).Distinct(StringComparer.Ordinal)
            .Select(MigrationName.Split).Where(known => known.Module == module).ToList();
        if (module.Length > 0 && local.Equals(MigrationRunner.Zero, StringComparison.OrdinalIgnoreCase))
            return known.Count > 0 ? MigrationName.Qualify(module, MigrationRunner.Zero) : null;
        return MigrationFile.Resolve(local, known.Select(known => known.Name)) is { } found ? MigrationName.Qualify(module, found) : null;
    }

    private static string Known(IReadOnlyList<MigrationScript> scripts) =>
        scripts.Count == 0 ? " The migrations folder holds none." : $" Known: {string.Join(", ", scripts.Select(script => script.Name))}.";

    public static IReadOnlyList<string> DataLoss(MigrationScript script)
    {
        var steps = ScriptDirectives.DestructiveSteps(script.Down!).ToList();
        return steps.Count > 0 || !ScriptDirectives.IsDestructive(script.Down!) ? steps : [$"its down script is marked {ScriptDirectives.Destructive}"];
    }

    public static MigrationPlan ToPublic(RunPlan plan) => new(
        plan.Reverts.Select(script => new PlannedRevert(script.Name, script.Down!, !ScriptDirectives.IsNoTransaction(script.Down!), DataLoss(script))).ToList(),
        plan.Applies.Select(script => new PendingMigration(script.Name, script.Up, script.RunsInTransaction)).ToList());

    private static TimeSpan? Duration(JournalEntry entry) => entry.ExecutionMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    public sealed record RunPlan(IReadOnlyList<MigrationScript> Reverts, IReadOnlyList<MigrationScript> Applies);
}
