namespace Aksara;

/// <summary>
/// What moving to a migration would do (<c>aksara migrate --to NAME --dry-run</c>): first the reverts, newest first, then
/// the scripts to apply, in order. Computing it changes nothing.
/// </summary>
public sealed record MigrationPlan(IReadOnlyList<PlannedRevert> Reverts, IReadOnlyList<PendingMigration> Applies)
{
    public bool IsEmpty => Reverts.Count == 0 && Applies.Count == 0;
}
