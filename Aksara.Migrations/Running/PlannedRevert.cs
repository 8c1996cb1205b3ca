namespace Aksara;

/// <summary>
/// A migration that a move back would revert, with its down script. <see cref="DataLoss"/> says, one item per step, what
/// the down script deletes (from its <c>aksara:destructive</c> marks); a revert with any needs to be confirmed.
/// </summary>
public sealed record PlannedRevert(string Name, string Sql, bool RunsInTransaction, IReadOnlyList<string> DataLoss)
{
    public bool IsDestructive => DataLoss.Count > 0;
}
