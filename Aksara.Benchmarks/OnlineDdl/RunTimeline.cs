using System.Diagnostics;
using System.Globalization;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// What happened when in one variant's run, on the load's clock: reads, the migration's scripts and retries. Printed as
/// it happens, and kept, so that a latency spike can be matched to its cause.
/// </summary>
internal sealed class RunTimeline(string variant, Stopwatch clock, TextWriter log)
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public Stopwatch Clock => clock;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
                return _lines.ToList();
        }
    }

    public void Note(string message) => Note(clock.Elapsed, message);

    public void Note(TimeSpan at, string message)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{variant}] t={at.TotalSeconds,7:0.000} s  {message}");
        lock (_lock)
        {
            _lines.Add(line);
            log.WriteLine(line);
        }
    }
}
