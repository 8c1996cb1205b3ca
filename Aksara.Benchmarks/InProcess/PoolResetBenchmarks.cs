using BenchmarkDotNet.Attributes;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>
/// Not a comparison of libraries: what Npgsql's reset of a pooled connection costs. With the default
/// (<c>No Reset On Close=false</c>), a connection returned to the pool sends <c>RESET ALL; CLOSE ALL; UNLISTEN *;
/// pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP</c> ahead of its next statement. A call on a
/// <see cref="Database"/> borrows a connection for itself, so twenty calls pay it twenty times where the hand-written
/// code, holding one connection, pays it once; an <see cref="AksaraSession"/> pays it once too. The <c>…NoReset</c>
/// methods use data sources with <c>No Reset On Close=true</c>; every other benchmark keeps the default.
/// </summary>
public class PoolResetBenchmarks
{
    private const int Queries = 20;
    private NpgsqlDataSource? _dataSource, _noResetDataSource;
    private Database? _db, _noResetDb;
    private Random _random = new(42);

    [GlobalSetup]
    public void Setup()
    {
        _random = new Random(42);
        _dataSource = BenchmarkConnections.CreateDataSource();
        _noResetDataSource = BenchmarkConnections.CreateDataSource(noResetOnClose: true);
        _db = BenchmarkConnections.CreateDatabase();
        _noResetDb = BenchmarkConnections.CreateDatabase(noResetOnClose: true);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var dataSource in new[] { _dataSource, _noResetDataSource })
        {
            if (dataSource is not null)
                await dataSource.DisposeAsync();
        }
        foreach (var db in new[] { _db, _noResetDb })
        {
            if (db is not null)
                await db.DisposeAsync();
        }
    }

    private int[] NextIds()
    {
        var ids = new int[Queries];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = _random.Next(1, SampleData.WorldRows + 1);
        return ids;
    }

    /// <summary>Twenty SELECTs on one connection: one reset.</summary>
    [Benchmark(Baseline = true)]
    public Task<World[]> HandWrittenNpgsql() => new NpgsqlWorldStore(_dataSource!).GetWorldsAsync(NextIds());

    /// <summary>Twenty <c>FetchRowAsync</c> calls on the <see cref="Database"/>: twenty connections borrowed, twenty resets.</summary>
    [Benchmark]
    public Task<World[]> AksaraPerCall() => FetchEachAsync(_db!, NextIds());

    /// <summary>The same twenty calls without the reset.</summary>
    [Benchmark]
    public Task<World[]> AksaraPerCallNoReset() => FetchEachAsync(_noResetDb!, NextIds());

    /// <summary>Twenty <c>FetchRowAsync</c> calls on one <see cref="AksaraSession"/>: one reset.</summary>
    [Benchmark]
    public Task<World[]> AksaraOnSession() => new AksaraRawWorldStore(_db!).GetWorldsAsync(NextIds());

    /// <summary>One SELECT on a connection borrowed for it, as every variant's get-by-id does.</summary>
    [Benchmark]
    public Task<World?> SingleQueryNpgsql() => new NpgsqlWorldStore(_dataSource!).GetWorldAsync(_random.Next(1, SampleData.WorldRows + 1));

    [Benchmark]
    public Task<World?> SingleQueryNpgsqlNoReset() => new NpgsqlWorldStore(_noResetDataSource!).GetWorldAsync(_random.Next(1, SampleData.WorldRows + 1));

    private static async Task<World[]> FetchEachAsync(Database db, int[] ids)
    {
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            worlds[i] = (await db.FetchRowAsync<World>(WorldSql.WorldById, ids[i]))!;
        return worlds;
    }
}
