using System.Globalization;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// The sizes and timings of one <c>online-ddl</c> run. The defaults are the documented run: a million-row table, a steady
/// 200 writes/s from 16 connections that give up after 5 s (an application's request timeout), and a reader that holds
/// the table for 3 s every 8 s, which is what makes a plain <c>ALTER TABLE</c> queue and hold every writer behind it.
/// </summary>
public sealed record OnlineDdlOptions
{
    public int Rows { get; init; } = 1_000_000;

    public int Customers { get; init; } = 100_000;

    /// <summary>Writes per second, on a fixed schedule whatever the database does.</summary>
    public double Rate { get; init; } = 200;

    /// <summary>The writers' connections: like an application's pool, any free one takes the next scheduled write.</summary>
    public int Connections { get; init; } = 16;

    /// <summary>The writers' <c>statement_timeout</c>: a write stuck longer behind a lock fails and is counted.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Steady load before the migration starts, so both variants start from a settled state.</summary>
    public TimeSpan LeadIn { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load after the migration ends, to see the writers recover.</summary>
    public TimeSpan Tail { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ReaderEvery { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How long each read transaction holds its lock on the table after its <c>count(*)</c>.</summary>
    public TimeSpan ReaderSleep { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How far into a read transaction the migration starts. A transaction that holds the table for longer than the DDL
    /// lock timeout when the migration begins is the case the timeout exists for (0.5 s into a 3 s hold leaves 2.5 s, more
    /// than the 2 s timeout); starting both variants at the same phase makes them comparable.
    /// </summary>
    public TimeSpan ReaderLead { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The runner's DDL lock timeout for the Aksara variant (its default).</summary>
    public TimeSpan DdlLockTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public int DdlRetries { get; init; } = 5;

    /// <summary>A bound on one variant's run (load, reader and migration are stopped then), so that a stuck run ends.</summary>
    public TimeSpan MaxVariantDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>What the Aksara variant must stay under: the DDL lock timeout plus half a second.</summary>
    public TimeSpan LatencyTarget => DdlLockTimeout + TimeSpan.FromMilliseconds(500);

    public static OnlineDdlOptions Parse(IReadOnlyList<string> args)
    {
        var options = new OnlineDdlOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{name} needs a value.");
            var value = args[++i];
            options = name switch
            {
                "--rows" => options with { Rows = Int(name, value) },
                "--customers" => options with { Customers = Int(name, value) },
                "--rate" => options with { Rate = Number(name, value) },
                "--connections" => options with { Connections = Int(name, value) },
                "--write-timeout" => options with { WriteTimeout = Seconds(name, value) },
                "--lead-in" => options with { LeadIn = Seconds(name, value) },
                "--tail" => options with { Tail = Seconds(name, value) },
                "--reader-every" => options with { ReaderEvery = Seconds(name, value) },
                "--reader-sleep" => options with { ReaderSleep = Seconds(name, value) },
                "--reader-lead" => options with { ReaderLead = Seconds(name, value) },
                "--ddl-lock-timeout" => options with { DdlLockTimeout = Seconds(name, value) },
                "--ddl-retries" => options with { DdlRetries = Int(name, value) },
                "--max-seconds" => options with { MaxVariantDuration = Seconds(name, value) },
                _ => throw new ArgumentException($"Unknown option {name}. {Usage}"),
            };
        }
        options.Validate();
        return options;
    }

    public const string Usage =
        "online-ddl [--rows N] [--customers N] [--rate WRITES_PER_S] [--connections N] [--write-timeout S] [--lead-in S] [--tail S] "
        + "[--reader-every S] [--reader-sleep S] [--reader-lead S] [--ddl-lock-timeout S] [--ddl-retries N] [--max-seconds S] (seconds may be fractional)";

    public void Validate()
    {
        if (Rows < 1 || Customers < 1 || Rate <= 0 || Connections < 1 || DdlRetries < 1)
            throw new ArgumentException($"Sizes, rate, connections and retries must be positive. {Usage}");
        if (ReaderLead >= LeadIn || ReaderLead >= ReaderSleep)
            throw new ArgumentException("--reader-lead must be shorter than --lead-in and --reader-sleep: the migration starts inside a read transaction.");
        if (ReaderEvery <= ReaderSleep)
            throw new ArgumentException("--reader-every must be longer than --reader-sleep: the table must be free between two read transactions.");
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Rows:N0} orders, {Customers:N0} customers; {Rate:0.#} writes/s from {Connections} connections (statement_timeout {WriteTimeout.TotalSeconds:0.###} s); "
        + $"a read transaction (count(*), then pg_sleep({ReaderSleep.TotalSeconds:0.###})) every {ReaderEvery.TotalSeconds:0.###} s; "
        + $"the migration starts after {LeadIn.TotalSeconds:0.###} s of load, {ReaderLead.TotalSeconds:0.###} s into a read transaction; "
        + $"{Tail.TotalSeconds:0.###} s of load after it; Aksara's DDL lock timeout {DdlLockTimeout.TotalSeconds:0.###} s, {DdlRetries} attempts");

    private static int Int(string name, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number : throw new ArgumentException($"{name}: '{value}' is not a whole number.");

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number : throw new ArgumentException($"{name}: '{value}' is not a number.");

    private static TimeSpan Seconds(string name, string value) => TimeSpan.FromSeconds(Number(name, value));
}
