using System.Globalization;
using Npgsql;

namespace Aksara.Migrations.Running;

/// <summary>
/// How long a migration statement may wait in PostgreSQL's lock queue, and how often a script that gave up is tried again.
/// A DDL statement queued behind a long query holds up every later reader and writer of the table for as long as it waits:
/// a short <c>lock_timeout</c> turns that outage into a failed attempt, and the retries (with backoff) find a quiet moment.
/// </summary>
internal sealed record LockRetryPolicy(TimeSpan LockTimeout, int Attempts)
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(2);
    public const int DefaultAttempts = 5;

    private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_longestDelay = TimeSpan.FromSeconds(30);

    /// <summary>The SQLSTATE of a lock that was not granted within <c>lock_timeout</c> (<c>lock_not_available</c>).</summary>
    public const string LockNotAvailable = "55P03";

    public static bool IsLockTimeout(PostgresException error) => error.SqlState == LockNotAvailable;

    /// <summary>
    /// The wait before attempt <paramref name="nextAttempt"/> (2, 3, …): 0.5 s, 1 s, 2 s, 4 s … plus up to a quarter more at
    /// random, so that replicas retrying together do not queue up at the same instant again.
    /// </summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        var exponential = s_firstDelay * Math.Pow(2, Math.Max(0, nextAttempt - 2));
        var capped = exponential < s_longestDelay ? exponential : s_longestDelay;
        return capped + capped * (Random.Shared.NextDouble() / 4);
    }

    /// <summary>
    /// The <c>lock_timeout</c> for one statement. <c>CREATE/DROP INDEX CONCURRENTLY</c>, <c>REINDEX … CONCURRENTLY</c> and
    /// <c>VALIDATE CONSTRAINT</c> take only SHARE UPDATE EXCLUSIVE, which blocks neither readers nor writers, and then wait
    /// on purpose for older transactions to end (a concurrent build's waits go through the lock manager, so lock_timeout
    /// would cancel them): those run with no lock timeout, and no statement timeout either, since they are slow by design.
    /// </summary>
    public TimeSpan LockTimeoutFor(string code) => IsLongByDesign(code) ? TimeSpan.Zero : LockTimeout;

    /// <summary>Whether <paramref name="code"/> is one of the statements that may wait and run long without blocking traffic.</summary>
    public static bool IsLongByDesign(string code) =>
        ConcurrentIndexStatement.TryParse(code) is not null
        || code.Contains("CONCURRENTLY", StringComparison.OrdinalIgnoreCase) && code.TrimStart().StartsWith("REINDEX", StringComparison.OrdinalIgnoreCase)
        || code.Contains("VALIDATE CONSTRAINT", StringComparison.OrdinalIgnoreCase);

    /// <summary>A PostgreSQL interval literal for SET: whole milliseconds, 0 meaning no limit.</summary>
    public static string Setting(TimeSpan timeout) => ((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>How a timeout reads in a message: <c>2 s</c>, <c>0.2 s</c>.</summary>
    public static string Display(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
