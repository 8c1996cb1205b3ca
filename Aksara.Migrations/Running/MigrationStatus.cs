namespace Aksara;

/// <summary>
/// One migration as <c>aksara migrate --list</c> shows it. <see cref="ExecutionTime"/> is null for a script that was never
/// run here (pending, or recorded with <c>--fake</c>).
/// </summary>
public sealed record MigrationStatus(string Name, MigrationState State, DateTimeOffset? AppliedAt = null, TimeSpan? ExecutionTime = null)
{
    /// <summary>A line of the check report: what is wrong with this migration, or null when nothing is.</summary>
    public string? Problem => State switch
    {
        MigrationState.Pending => $"{Name} is pending",
        MigrationState.Modified => $"{Name} was modified after it was applied",
        MigrationState.Missing => $"{Name} was applied but is missing from the migrations",
        _ => null,
    };
}
