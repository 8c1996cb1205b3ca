using System.Data;
using BenchmarkDotNet.Attributes;
using Dapper;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>One seven-column row by uuid primary key.</summary>
public class GetItemByUuidBenchmarks : DatabaseBenchmark
{
    private Guid[] _keys = [];

    protected override Task SetupAsync()
    {
        _keys = ItemKeys.All();
        return Task.CompletedTask;
    }

    private Guid NextKey() => _keys[Random.Next(_keys.Length)];

    [Benchmark(Baseline = true)]
    public async Task<Item?> HandWrittenNpgsql()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(ItemReads.ById, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = NextKey() });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow);
        return await reader.ReadAsync() ? ItemReads.Read(reader) : null;
    }

    [Benchmark]
    public async Task<Item?> PlainDapper()
    {
        await using var connection = DataSource.CreateConnection();
        return await connection.QueryFirstOrDefaultAsync<Item>(ItemReads.DapperById, new { id = NextKey() });
    }

    [Benchmark]
    public async Task<Item?> EfCoreCompiled()
    {
        await using var db = EfContexts.CreateDbContext();
        return await CompiledQueries.ItemById(db, NextKey());
    }

    [Benchmark]
    public Task<Item?> AksaraRaw() => Db.FetchRowAsync<Item>(ItemReads.ById, NextKey());

    [Benchmark]
    public Task<Item?> AksaraCrud() => Db.GetAsync<Item>(NextKey());
}
