using BenchmarkDotNet.Attributes;
using Dapper;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>100 consecutive seven-column rows (<c>WHERE seq &gt; $1 ORDER BY seq LIMIT 100</c>), materialized into a list.</summary>
public class RangeReadBenchmarks : DatabaseBenchmark
{
    private int NextStart() => Random.Next(0, SampleData.ItemRows - ItemReads.RangeSize);

    [Benchmark(Baseline = true)]
    public async Task<List<Item>> HandWrittenNpgsql()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(ItemReads.After, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = NextStart() });
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<Item>(ItemReads.RangeSize);
        while (await reader.ReadAsync())
            items.Add(ItemReads.Read(reader));
        return items;
    }

    [Benchmark]
    public async Task<List<Item>> PlainDapper()
    {
        await using var connection = DataSource.CreateConnection();
        return (await connection.QueryAsync<Item>(ItemReads.DapperAfter, new { after = NextStart() })).AsList();
    }

    [Benchmark]
    public async Task<List<Item>> EfCoreCompiled()
    {
        await using var db = EfContexts.CreateDbContext();
        return await CompiledQueries.ToListAsync(CompiledQueries.ItemsAfter(db, NextStart()));
    }

    [Benchmark]
    public Task<IReadOnlyList<Item>> AksaraRaw() => Db.FetchAsync<Item>(ItemReads.After, NextStart());

    [Benchmark]
    public Task<IReadOnlyList<Item>> AksaraTypedQuery()
    {
        var after = NextStart();
        return Db.Table<Item>().Where(i => i.Seq > after).OrderBy(i => i.Seq).Limit(ItemReads.RangeSize).ToListAsync();
    }
}
