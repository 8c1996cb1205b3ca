using BenchmarkDotNet.Attributes;

namespace Aksara.Benchmarks;

/// <summary>
/// TechEmpower's updates with queries=20: read each row with its own SELECT, give it a new random number, write all
/// back. The SQL variants write with one <c>UPDATE … FROM unnest(…)</c>; EF Core batches one UPDATE per row into one
/// round trip; Aksara's model API sends one batch of single-row UPDATEs (<c>UpdateManyAsync</c>).
/// </summary>
public class UpdateWorldsBenchmarks : WorldStoreBenchmark
{
    public const int Queries = 20;

    [Benchmark(Baseline = true)]
    public Task<World[]> HandWrittenNpgsql() => NpgsqlStore.UpdateWorldsAsync(NextWorldIds(Queries), NextWorldIds(Queries));

    [Benchmark]
    public Task<World[]> PlainDapper() => DapperStore.UpdateWorldsAsync(NextWorldIds(Queries), NextWorldIds(Queries));

    [Benchmark]
    public Task<World[]> EfCoreCompiled() => EfCoreStore.UpdateWorldsAsync(NextWorldIds(Queries), NextWorldIds(Queries));

    [Benchmark]
    public Task<World[]> AksaraRaw() => AksaraRawStore.UpdateWorldsAsync(NextWorldIds(Queries), NextWorldIds(Queries));

    [Benchmark]
    public Task<World[]> AksaraCrud() => AksaraCrudStore.UpdateWorldsAsync(NextWorldIds(Queries), NextWorldIds(Queries));
}
