namespace Aksara;

/// <summary>
/// The outcome of a run: the scripts applied, in order, the migrations reverted (newest first), and the error that stopped
/// it. A failed script was rolled back (unless it is marked <c>aksara:no-transaction</c>), and nothing after it ran.
/// </summary>
public sealed record MigrationResult(IReadOnlyList<AppliedMigration> Applied, AksaraException? Error = null)
{
    /// <summary>The migrations whose down scripts ran (or, with <c>--fake</c>, that were un-recorded), newest first.</summary>
    public IReadOnlyList<AppliedMigration> Reverted { get; init; } = [];

    public bool Successful => Error is null;
}
