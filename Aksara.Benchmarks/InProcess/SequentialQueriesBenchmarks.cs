using BenchmarkDotNet.Attributes;

namespace Aksara.Benchmarks;

/// <summary>Twenty rows by primary key, one SELECT each, in sequence (TechEmpower's multiple queries with queries=20).</summary>
public class SequentialQueriesBenchmarks : WorldStoreBenchmark
{
    public const int Queries = 20;

    [Benchmark(Baseline = true)]
    public Task<World[]> HandWrittenNpgsql() => NpgsqlStore.GetWorldsAsync(NextWorldIds(Queries));

    [Benchmark]
    public Task<World[]> PlainDapper() => DapperStore.GetWorldsAsync(NextWorldIds(Queries));

    [Benchmark]
    public Task<World[]> EfCoreCompiled() => EfCoreStore.GetWorldsAsync(NextWorldIds(Queries));

    [Benchmark]
    public Task<World[]> AksaraRaw() => AksaraRawStore.GetWorldsAsync(NextWorldIds(Queries));

    [Benchmark]
    public Task<World[]> AksaraCrud() => AksaraCrudStore.GetWorldsAsync(NextWorldIds(Queries));
}
