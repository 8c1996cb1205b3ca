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
        var applied = journal.Select(entry => entry.Name).ToHashSet(StringComparer.Ordinal);
        var limit = target is null ? null : Find(scripts, journal, target)
            ?? throw new AksaraException($"There is no migration {target}." + Known(scripts) + $" Use `{MigrationRunner.Zero}` to revert every migration.");
        bool After(string name) => limit is not null && (limit == MigrationRunner.Zero || MigrationFile.NameOrder.Compare(name, limit) > 0);

        var reverts = new List<MigrationScript>();
        foreach (var entry in journal.Where(entry => After(entry.Name)).OrderByDescending(entry => entry.Name, MigrationFile.NameOrder))
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
        var applies = scripts.Where(script => !applied.Contains(script.Name) && !After(script.Name)).ToList();
        return new RunPlan(reverts, applies);
    }

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
        statuses.AddRange(recorded.Values.Select(entry => new MigrationStatus(entry.Name,
            entry.State != JournalRowState.Applied ? MigrationState.InProgress : MigrationState.Missing, entry.AppliedAt, Duration(entry))));
        return statuses.OrderBy(status => status.Name, MigrationFile.NameOrder).ToList();
    }

    /// <summary>The migration called <paramref name="name"/>: its full name, its file name, or its number; <see cref="MigrationRunner.Zero"/> stays itself.</summary>
    public static string? Find(IReadOnlyList<MigrationScript> scripts, IReadOnlyList<JournalEntry> journal, string name) =>
        name.Equals(MigrationRunner.Zero, StringComparison.OrdinalIgnoreCase)
            ? MigrationRunner.Zero
            : MigrationFile.Resolve(name, scripts.Select(script => script.Name).Concat(journal.Select(entry => entry.Name)).Distinct(StringComparer.Ordinal));

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
