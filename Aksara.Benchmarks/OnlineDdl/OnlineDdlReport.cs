using System.Globalization;
using System.Text;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>The variants of one run side by side, and the verdict against the target for Aksara's scripts.</summary>
public sealed class OnlineDdlReport(OnlineDdlOptions options, IReadOnlyList<VariantResult> variants)
{
    private static readonly TimeSpan s_slow = TimeSpan.FromSeconds(1);

    public OnlineDdlOptions Options { get; } = options;

    public IReadOnlyList<VariantResult> Variants { get; } = variants;

    public VariantResult? AksaraVariant => Variants.FirstOrDefault(variant => variant.Name == "aksara");

    /// <summary>
    /// The claim: with Aksara's scripts and runner, no write waited longer than the DDL lock timeout plus half a second,
    /// none failed, and the migration did what the model says.
    /// </summary>
    public bool TargetMet => AksaraVariant is { } aksara
        && aksara.Migration.Succeeded
        && aksara.SchemaDifferences.Count == 0
        && aksara.Load.Failed == 0
        && aksara.Load.Max <= Options.LatencyTarget;

    /// <summary>
    /// The figures, a row per variant. "Failed" counts the writes PostgreSQL cancelled at their statement_timeout; writes
    /// that waited for a free connection longer than that are in "waited > …" (failures included): an application whose
    /// request timeout runs from the request's arrival would have failed those too.
    /// </summary>
    public string ToMarkdown()
    {
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture,
                $"| variant | writes | failed | waited > 1 s | waited > {Options.WriteTimeout.TotalSeconds:0.###} s | p50 | p99 | longest write | migration wall time | lock-timeout retries | final schema |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var variant in Variants)
        {
            var load = variant.Load;
            var schema = !variant.Migration.Succeeded ? "migration failed"
                : variant.SchemaDifferences.Count == 0 ? "matches the model"
                : $"{variant.SchemaDifferences.Count} difference(s)";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {variant.Name} | {load.Writes:N0} | {load.Failed:N0} | {load.SlowerThan(s_slow):N0} | {load.SlowerThan(Options.WriteTimeout):N0} | {Milliseconds(load.P50)} | {Milliseconds(load.P99)} | "
                + $"{Milliseconds(load.Max)} | {Seconds(variant.Migration.WallTime)} | {variant.Migration.LockRetries} | {schema} |");
        }
        return table.ToString();
    }

    /// <summary>The verdict, and for each variant what it was and anything that went wrong, one line each.</summary>
    public IReadOnlyList<string> Findings()
    {
        var lines = new List<string>();
        foreach (var variant in Variants)
        {
            lines.Add($"{variant.Name}: {variant.Description}; scripts {string.Join(", ", variant.Scripts)}; {variant.ReadTransactions} read transactions; "
                + string.Create(CultureInfo.InvariantCulture, $"slowest write due at t={variant.Load.SlowestScheduledAt.TotalSeconds:0.000} s"));
            if (variant.Migration.Error is { } error)
                lines.Add($"{variant.Name}: the migration failed: {error}");
            foreach (var (failure, count) in variant.Load.Failures)
                lines.Add($"{variant.Name}: {count} write(s) failed with {failure}");
            foreach (var difference in variant.SchemaDifferences)
                lines.Add($"{variant.Name}: {difference}");
        }
        if (AksaraVariant is { } aksara)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Target (Aksara: no write over the DDL lock timeout + 0.5 s = {Seconds(Options.LatencyTarget)}, none failed): "
                + $"longest {Seconds(aksara.Load.Max)}, {aksara.Load.Failed} failed: {(TargetMet ? "MET" : "MISSED")}"));
        }
        return lines;
    }

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms";

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
