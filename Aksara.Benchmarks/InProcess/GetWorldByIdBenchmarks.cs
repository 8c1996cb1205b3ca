using BenchmarkDotNet.Attributes;

namespace Aksara.Benchmarks;

/// <summary>One row by integer primary key (TechEmpower's single query), a connection borrowed from the pool and returned.</summary>
public class GetWorldByIdBenchmarks : WorldStoreBenchmark
{
    [Benchmark(Baseline = true)]
    public Task<World?> HandWrittenNpgsql() => NpgsqlStore.GetWorldAsync(NextWorldId());

    [Benchmark]
    public Task<World?> PlainDapper() => DapperStore.GetWorldAsync(NextWorldId());

    [Benchmark]
    public Task<World?> EfCoreCompiled() => EfCoreStore.GetWorldAsync(NextWorldId());

    [Benchmark]
    public Task<World?> AksaraRaw() => AksaraRawStore.GetWorldAsync(NextWorldId());

    [Benchmark]
    public Task<World?> AksaraCrud() => AksaraCrudStore.GetWorldAsync(NextWorldId());
}
