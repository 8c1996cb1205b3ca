using BenchmarkDotNet.Attributes;

namespace Aksara.Benchmarks;

/// <summary>
/// Inserting 100 000 rows, every way there is. Times are per row (<c>OperationsPerInvoke</c>), so that the one-by-one
/// variants, measured on 1 000 rows, compare directly; multiply by 100 000 for the whole load. The table is emptied
/// before each iteration. Every variant runs outside an explicit transaction.
/// </summary>
[WarmupCount(1)]
[IterationCount(5)]
public class BulkInsertBenchmarks : DatabaseBenchmark
{
    public const int Rows = 100_000;
    public const int OneByOneRows = 1_000;

    private BulkRow[] _rows = [];

    /// <summary>Rows of the bulk variants; the smoke test makes it small. Times stay per row only at the default.</summary>
    public static int RowCount { get; set; } = Rows;

    public static int OneByOneRowCount { get; set; } = OneByOneRows;

    protected override Task SetupAsync()
    {
        _rows = SampleData.BulkRows(RowCount);
        return Task.CompletedTask;
    }

    [IterationSetup]
    public void EmptyTable() => BenchmarkSql.Execute("TRUNCATE bulk_rows");

    [Benchmark(OperationsPerInvoke = OneByOneRows)]
    public async Task OneByOneNpgsql()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await BulkRowWriters.OneByOneAsync(connection, _rows.AsMemory(0, Math.Min(OneByOneRowCount, _rows.Length)));
    }

    [Benchmark(OperationsPerInvoke = OneByOneRows)]
    public async Task OneByOneAksaraRaw()
    {
        var count = Math.Min(OneByOneRowCount, _rows.Length);
        for (var i = 0; i < count; i++)
        {
            var row = _rows[i];
            await Db.ExecuteAsync(BulkRowWriters.InsertOne, row.Id, row.Seq, row.Name, row.Score, row.CreatedAt);
        }
    }

    [Benchmark(OperationsPerInvoke = OneByOneRows)]
    public async Task OneByOneAksaraCrud()
    {
        var count = Math.Min(OneByOneRowCount, _rows.Length);
        for (var i = 0; i < count; i++)
            await Db.InsertAsync(_rows[i]);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task NpgsqlBatch()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await BulkRowWriters.BatchedAsync(connection, _rows);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task MultiRowValues()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await BulkRowWriters.MultiRowValuesAsync(connection, _rows);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task UnnestArrays()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await BulkRowWriters.UnnestAsync(connection, _rows);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public async Task BinaryCopyNpgsql()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await BulkRowWriters.BinaryCopyAsync(connection, _rows);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task<long> AksaraInsertMany() => Db.InsertManyAsync(_rows);

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task EfCoreAddRange()
    {
        await using var db = EfContexts.CreateDbContext();
        db.BulkRows.AddRange(_rows);
        await db.SaveChangesAsync();
    }
}
