namespace Aksara;

/// <summary>
/// The outcome of a run: the scripts applied, in order, and the error that stopped it. A failed script was rolled
/// back (unless it is marked <c>aksara:no-transaction</c>), and nothing after it ran.
/// </summary>
public sealed record MigrationResult(IReadOnlyList<AppliedMigration> Applied, AksaraException? Error = null)
{
    public bool Successful => Error is null;
}
