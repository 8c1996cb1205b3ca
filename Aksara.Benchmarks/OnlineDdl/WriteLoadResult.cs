namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// What the writers saw during one variant. Latencies run from each write's scheduled start, not from when a connection
/// got round to sending it, so a write held up behind a blocked one counts all of its wait (no coordinated omission);
/// a failed write counts the time until it failed.
/// </summary>
public sealed class WriteLoadResult
{
    private readonly TimeSpan[] _sorted;

    public WriteLoadResult(IReadOnlyList<WriteSample> samples)
    {
        Samples = samples.OrderBy(sample => sample.ScheduledAt).ToList();
        _sorted = Samples.Select(sample => sample.Latency).Order().ToArray();
    }

    /// <summary>Every write, in schedule order.</summary>
    public IReadOnlyList<WriteSample> Samples { get; }

    public int Writes => Samples.Count;

    public int Failed => Samples.Count(sample => sample.Failed);

    public TimeSpan Max => _sorted.Length == 0 ? TimeSpan.Zero : _sorted[^1];

    public TimeSpan P50 => Percentile(0.50);

    public TimeSpan P99 => Percentile(0.99);

    public int SlowerThan(TimeSpan limit) => _sorted.Length - CountAtMost(limit);

    /// <summary>When the slowest write was due: where to look in the timeline.</summary>
    public TimeSpan SlowestScheduledAt => Samples.Count == 0 ? TimeSpan.Zero : Samples.MaxBy(sample => sample.Latency).ScheduledAt;

    /// <summary>The failures, grouped by their message, most frequent first.</summary>
    public IReadOnlyList<(string Failure, int Count)> Failures =>
        Samples.Where(sample => sample.Failed).GroupBy(sample => sample.Failure!).Select(group => (group.Key, group.Count())).OrderByDescending(pair => pair.Item2).ToList();

    /// <summary>Nearest rank: the smallest latency that at least <paramref name="fraction"/> of the writes do not exceed.</summary>
    private TimeSpan Percentile(double fraction)
    {
        if (_sorted.Length == 0)
            return TimeSpan.Zero;
        var rank = (int)Math.Ceiling(fraction * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    private int CountAtMost(TimeSpan limit)
    {
        int low = 0, high = _sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_sorted[middle] <= limit)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
