using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Aksara.Benchmarks;

/// <summary>
/// What the machine itself allows, measured in the same run as the benchmarks: pgbench's prepared primary-key
/// SELECT (<c>-S -M prepared</c>) over TCP loopback and over the Unix socket, and <c>psql \copy</c> of the same
/// 100 000 rows the bulk benchmarks insert. No .NET code is involved in either.
/// </summary>
public static partial class PhysicalCeiling
{
    public static async Task<string> MeasureAsync(BenchmarkServer server, int seconds, int copyRows, TextWriter log)
    {
        var report = new StringBuilder();
        report.AppendLine("| measurement | result |").AppendLine("|---|---|");
        var connection = server.Connection;
        var pgbench = await CommandLineTool.FindAsync("pgbench");
        var psql = await CommandLineTool.FindAsync("psql");

        await log.WriteLineAsync("Physical ceiling: initializing pgbench tables (scale 1)…");
        await pgbench.RunAsync(connection, ["-i", "-q", "-s", "1", .. CommandLineTool.ConnectionArguments(connection)], TimeSpan.FromMinutes(2));

        var routes = new List<(string Name, string? Socket)> { ("TCP 127.0.0.1", null) };
        if (server.SocketDirectory is { } socket && Directory.EnumerateFiles(socket, ".s.PGSQL.*").Any(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
            routes.Add(("Unix socket", socket));
        else
            report.AppendLine("| pgbench over the Unix socket | not measured: the server's socket directory is unknown (set AKSARA_BENCH_SOCKET_DIR) |");

        foreach (var (name, socketDirectory) in routes)
        {
            foreach (var clients in new[] { 1, 16 })
            {
                var output = await pgbench.RunAsync(connection,
                [
                    "-n", "-S", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
                    "-T", seconds.ToString(CultureInfo.InvariantCulture), .. CommandLineTool.ConnectionArguments(connection, socketDirectory),
                ], TimeSpan.FromSeconds(seconds + 60));
                var tps = Tps().Match(output) is { Success: true } t ? double.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
                var latency = Latency().Match(output) is { Success: true } l ? double.Parse(l.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
                var line = $"| pgbench -S -M prepared, {name}, {clients} client{(clients == 1 ? "" : "s")}, {seconds} s | {tps:N0} queries/s, {latency * 1000:N1} µs average latency |";
                report.AppendLine(line);
                await log.WriteLineAsync(line);
            }
        }

        var copy = await MeasureCopyAsync(psql, server, copyRows);
        report.AppendLine(copy);
        await log.WriteLineAsync(copy);
        return report.ToString();
    }

    private static async Task<string> MeasureCopyAsync(CommandLineTool psql, BenchmarkServer server, int rows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"aksara-bench-rows-{Environment.ProcessId}.csv");
        await File.WriteAllTextAsync(file, ToCsv(SampleData.BulkRows(rows)));
        try
        {
            var connection = server.Connection;
            var timings = new List<double>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                BenchmarkSql.Execute(server.DatabaseUrl, "TRUNCATE bulk_rows");
                var stopwatch = Stopwatch.StartNew();
                await psql.RunAsync(connection,
                [
                    "-X", "-q", "-v", "ON_ERROR_STOP=1", .. CommandLineTool.ConnectionArguments(connection),
                    "-c", $"\\copy bulk_rows ({BulkRowWriters.Columns}) FROM '{file}' WITH (FORMAT csv)",
                ], TimeSpan.FromMinutes(2));
                timings.Add(stopwatch.Elapsed.TotalSeconds);
            }
            BenchmarkSql.Execute(server.DatabaseUrl, "TRUNCATE bulk_rows");
            timings.Sort();
            var median = timings[timings.Count / 2];
            return $"| psql \\copy of the same {rows:N0} rows (CSV, TCP, median of 3, psql start-up included) | {median * 1000:N0} ms, {rows / median:N0} rows/s (runs: {string.Join(", ", timings.Select(t => (t * 1000).ToString("N0", CultureInfo.InvariantCulture)))} ms) |";
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ToCsv(BulkRow[] rows)
    {
        var csv = new StringBuilder(rows.Length * 80);
        foreach (var row in rows)
        {
            csv.Append(row.Id.ToString("D")).Append(',')
                .Append(row.Seq.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Name).Append(',')
                .Append(row.Score.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(row.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture)).Append('\n');
        }
        return csv.ToString();
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();
}
