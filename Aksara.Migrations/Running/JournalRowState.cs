namespace Aksara.Migrations.Running;

/// <summary>
/// Where a journal row stands. A script that runs without a transaction is recorded <see cref="Started"/> before its
/// first statement and <see cref="Applied"/> after its last, so a process killed in between leaves a trace instead of a
/// script that the next run would apply a second time. A down script without a transaction leaves <see cref="Reverting"/>.
/// </summary>
internal enum JournalRowState
{
    Applied,
    Started,
    Reverting,
}
