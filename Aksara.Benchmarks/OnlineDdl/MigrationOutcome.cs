namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>How one variant's migration went: its wall time (lock waits and retries included), how often a script gave up on a lock, and its error, if any.</summary>
public sealed record MigrationOutcome(TimeSpan WallTime, int LockRetries, string? Error)
{
    public bool Succeeded => Error is null;
}
