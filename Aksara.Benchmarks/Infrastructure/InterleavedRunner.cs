using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Aksara.Benchmarks;

/// <summary>
/// A cross-check of BenchmarkDotNet's numbers for a busy machine: the same benchmark methods, but interleaved. Each
/// round runs every method of a class for a short slice, in rotating order, so that load from other processes falls on
/// all variants alike; the report gives each method's median over the rounds and its ratio to the baseline's median.
/// </summary>
/// <remarks>
/// BenchmarkDotNet measures one method after the other: when the machine's load changes in between, a ratio measures
/// the load. Interleaving trades its statistical machinery (pilot, overhead subtraction, outlier removal) for that.
/// </remarks>
public static class InterleavedRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = IntOption(args, "--rounds", 15);
        var slice = TimeSpan.FromMilliseconds(IntOption(args, "--slice-ms", 200));
        var filter = StringOption(args, "--filter");

        await using var server = await BenchmarkServer.StartAsync();
        BenchmarkEnvironment.DatabaseUrl = server.DatabaseUrl;
        Console.WriteLine($"Database: {server.Description}; {rounds} rounds, {slice.TotalMilliseconds:0} ms per method per round");

        var report = new StringBuilder();
        foreach (var type in typeof(InterleavedRunner).Assembly.GetTypes().Where(IsBenchmarkClass).OrderBy(t => t.Name))
        {
            if (filter is not null && !filter.Split(',').Any(part => type.Name.Contains(part.Trim(), StringComparison.OrdinalIgnoreCase)))
                continue;
            foreach (var parameters in ParameterSets(type))
            {
                var table = await RunClassAsync(type, parameters, rounds, slice);
                Console.WriteLine(table);
                report.AppendLine(table);
            }
        }

        var directory = Path.Combine("BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "interleaved.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine($"Written to {Path.GetFullPath(path)}");
        return 0;
    }

    private static async Task<string> RunClassAsync(Type type, IReadOnlyList<(PropertyInfo Property, object? Value)> parameters, int rounds, TimeSpan slice)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var (property, value) in parameters)
            property.SetValue(instance, value);
        await InvokeAllAsync<GlobalSetupAttribute>(instance);
        try
        {
            var methods = type.GetMethods().Where(m => m.IsDefined(typeof(BenchmarkAttribute))).Select(m => new Measured(instance, m)).ToList();
            var iterationSetup = type.GetMethods().Where(m => m.IsDefined(typeof(IterationSetupAttribute))).ToList();

            // Warm-up: JIT, tiering, pools, Npgsql's automatic preparation (after five uses).
            foreach (var method in methods)
                await method.MeasureAsync(instance, iterationSetup, slice * 2);
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < methods.Count; i++)
                {
                    var method = methods[(i + round) % methods.Count];
                    method.Add(await method.MeasureAsync(instance, iterationSetup, slice));
                }
            }

            var baseline = methods.FirstOrDefault(m => m.IsBaseline) ?? methods[0];
            var title = type.Name + (parameters.Count == 0 ? "" : " (" + string.Join(", ", parameters.Select(p => $"{p.Property.Name}={p.Value}")) + ")");
            var table = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"#### {title}")
                .AppendLine()
                .AppendLine("| method | median | min | max | ratio | allocated |")
                .AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var method in methods)
            {
                table.AppendLine(CultureInfo.InvariantCulture,
                    $"| {method.Name} | {Time(method.MedianMicroseconds)} | {Time(method.MinMicroseconds)} | {Time(method.MaxMicroseconds)} | " +
                    $"{method.MedianMicroseconds / baseline.MedianMicroseconds:0.00} | {method.MedianBytes:N0} B |");
            }
            return table.ToString();
        }
        finally
        {
            await InvokeAllAsync<GlobalCleanupAttribute>(instance);
        }
    }

    private static string Time(double microseconds) => microseconds >= 1000
        ? (microseconds / 1000).ToString("N2", CultureInfo.InvariantCulture) + " ms"
        : microseconds.ToString("N1", CultureInfo.InvariantCulture) + " µs";

    /// <summary>One benchmark method, called through a delegate (no reflection per call), and its per-round results.</summary>
    private sealed class Measured
    {
        private readonly Func<object?> _invoke;
        private readonly int _operationsPerInvoke;
        private readonly List<double> _microseconds = [];
        private readonly List<double> _bytes = [];

        public Measured(object instance, MethodInfo method)
        {
            Name = method.Name;
            var attribute = method.GetCustomAttribute<BenchmarkAttribute>()!;
            IsBaseline = attribute.Baseline;
            _operationsPerInvoke = attribute.OperationsPerInvoke;
            _invoke = (Func<object?>)Delegate.CreateDelegate(typeof(Func<object?>), instance, method);
        }

        public string Name { get; }
        public bool IsBaseline { get; }
        public double MedianMicroseconds => Median(_microseconds);
        public double MinMicroseconds => _microseconds.Min();
        public double MaxMicroseconds => _microseconds.Max();
        public double MedianBytes => Median(_bytes);

        public void Add((double Microseconds, double Bytes) sample)
        {
            _microseconds.Add(sample.Microseconds);
            _bytes.Add(sample.Bytes);
        }

        /// <summary>Runs for about <paramref name="slice"/>; with an iteration setup, exactly one invocation after it.</summary>
        public async Task<(double Microseconds, double Bytes)> MeasureAsync(object instance, List<MethodInfo> iterationSetup, TimeSpan slice)
        {
            foreach (var setup in iterationSetup)
                setup.Invoke(instance, null);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            long invocations = 0;
            do
            {
                if (_invoke() is Task task)
                    await task;
                invocations++;
            }
            while (iterationSetup.Count == 0 && stopwatch.Elapsed < slice);
            stopwatch.Stop();
            var operations = (double)invocations * _operationsPerInvoke;
            return (stopwatch.Elapsed.TotalMicroseconds / operations, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / operations);
        }

        private static double Median(List<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    private static bool IsBenchmarkClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsPublic: true } && type.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute)));

    /// <summary>Every combination of <c>[Params]</c> values (one empty set for a class without them).</summary>
    private static IEnumerable<IReadOnlyList<(PropertyInfo, object?)>> ParameterSets(Type type)
    {
        IEnumerable<IReadOnlyList<(PropertyInfo, object?)>> sets = [[]];
        foreach (var property in type.GetProperties().Where(p => p.IsDefined(typeof(ParamsAttribute))))
        {
            var values = property.GetCustomAttribute<ParamsAttribute>()!.Values;
            sets = sets.SelectMany(set => values.Select(value => (IReadOnlyList<(PropertyInfo, object?)>)[.. set, (property, value)])).ToList();
        }
        return sets;
    }

    private static async Task InvokeAllAsync<TAttribute>(object instance) where TAttribute : Attribute
    {
        foreach (var method in instance.GetType().GetMethods().Where(m => m.IsDefined(typeof(TAttribute))))
        {
            if (method.Invoke(instance, null) is Task task)
                await task;
        }
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
