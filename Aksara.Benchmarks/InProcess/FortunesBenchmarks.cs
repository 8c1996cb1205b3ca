using BenchmarkDotNet.Attributes;

namespace Aksara.Benchmarks;

/// <summary>TechEmpower's Fortunes without the HTML: read 12 rows, add one in memory, sort by message.</summary>
public class FortunesBenchmarks : WorldStoreBenchmark
{
    [Benchmark(Baseline = true)]
    public async Task<List<Fortune>> HandWrittenNpgsql() => FortuneList.WithAddedAndSorted(await NpgsqlStore.GetFortunesAsync());

    [Benchmark]
    public async Task<List<Fortune>> PlainDapper() => FortuneList.WithAddedAndSorted(await DapperStore.GetFortunesAsync());

    [Benchmark]
    public async Task<List<Fortune>> EfCoreCompiled() => FortuneList.WithAddedAndSorted(await EfCoreStore.GetFortunesAsync());

    [Benchmark]
    public async Task<List<Fortune>> AksaraRaw() => FortuneList.WithAddedAndSorted(await AksaraRawStore.GetFortunesAsync());

    [Benchmark]
    public async Task<List<Fortune>> AksaraCrud() => FortuneList.WithAddedAndSorted(await AksaraCrudStore.GetFortunesAsync());
}
