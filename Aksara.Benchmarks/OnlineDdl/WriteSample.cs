namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// One write of the load: when it was due (from the start of the load), how long it took from then until it ended,
/// failed or not, and why it failed.
/// </summary>
public readonly record struct WriteSample(TimeSpan ScheduledAt, TimeSpan Latency, string? Failure)
{
    public bool Failed => Failure is not null;
}
