namespace Aksara;

/// <summary>
/// One migration as <c>aksara migrate --list</c> shows it. <see cref="ExecutionTime"/> is null for a script that was never
/// run here (pending, or recorded with <c>--fake</c>).
/// </summary>
public sealed record MigrationStatus(string Name, MigrationState State, DateTimeOffset? AppliedAt = null, TimeSpan? ExecutionTime = null)
{
    /// <summary>True when the migration has a down script and is not marked <c>aksara:irreversible</c>.</summary>
    public bool Reversible { get; init; }

    /// <summary>With <see cref="MigrationState.Modified"/>: true when it is the down script that was edited (or removed) since it was applied.</summary>
    public bool DownModified { get; init; }

    /// <summary>A line of the check report: what is wrong with this migration, or null when nothing is.</summary>
    public string? Problem => State switch
    {
        MigrationState.Pending => $"{Name} is pending",
        MigrationState.Modified when DownModified => $"{Name}'s down script was modified after it was applied",
        MigrationState.Modified => $"{Name} was modified after it was applied",
        MigrationState.Missing => $"{Name} was applied but is missing from the migrations",
        MigrationState.InProgress => $"{Name} was interrupted while it ran without a transaction: check the database, then run `aksara migrate --resolve {Name} --applied` or `--rolled-back`",
        _ => null,
    };
}
