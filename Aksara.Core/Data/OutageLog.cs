using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aksara.Data;

/// <summary>
/// What a <see cref="Database"/> logs while its server is unreachable: the first failure in full, then at most one
/// summary every <see cref="SummaryInterval"/> (how many calls failed, of which kinds), and one line when a call
/// succeeds again — instead of a warning per request, which under load buries everything else in the log.
/// </summary>
internal sealed class OutageLog(ILogger logger, string maskedUrl)
{
    internal static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<ConnectionFailure, int> _sinceSummary = [];
    private volatile bool _inOutage;
    private long _startedAt;
    private long _summarizedAt;
    private int _total;

    /// <summary>After every successful call: one volatile read unless an outage has just ended.</summary>
    public void Succeeded()
    {
        if (_inOutage)
            End();
    }

    public void Failed(AksaraConnectionException failure)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _total++;
            if (!_inOutage)
            {
                _inOutage = true;
                _startedAt = _summarizedAt = now;
                logger.LogWarning("{Message} Further failures are summarized every {Interval} s until it answers again.", failure.Message, SummaryInterval.TotalSeconds);
                return;
            }
            _sinceSummary[failure.Failure] = _sinceSummary.GetValueOrDefault(failure.Failure) + 1;
            if (Stopwatch.GetElapsedTime(_summarizedAt, now) < SummaryInterval)
                return;
            logger.LogWarning("{Database} still unavailable after {Seconds:0} s: {Count} more calls failed ({Kinds})",
                maskedUrl, Stopwatch.GetElapsedTime(_startedAt, now).TotalSeconds, _sinceSummary.Values.Sum(), Kinds());
            _sinceSummary.Clear();
            _summarizedAt = now;
        }
    }

    private void End()
    {
        lock (_gate)
        {
            if (!_inOutage)
                return;
            _inOutage = false;
            logger.LogInformation("{Database} answers again after {Seconds:0.0} s; {Count} calls failed meanwhile",
                maskedUrl, Stopwatch.GetElapsedTime(_startedAt).TotalSeconds, _total);
            _sinceSummary.Clear();
            _total = 0;
        }
    }

    private string Kinds() => string.Join(", ", _sinceSummary.OrderByDescending(kind => kind.Value).Select(kind => $"{kind.Key} ×{kind.Value}"));
}
