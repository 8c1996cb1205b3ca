using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>
/// Base of the in-process database benchmarks. Each variant's connections are made on first use, so that a
/// benchmark process (BenchmarkDotNet runs one per method) sets up only the library it measures.
/// </summary>
public abstract class DatabaseBenchmark
{
    private NpgsqlDataSource? _dataSource;
    private NpgsqlDataSource? _efDataSource;
    private Database? _db;
    private PooledDbContextFactory<BenchmarkDbContext>? _efContexts;

    /// <summary>Hand-written Npgsql and Dapper: a plain data source with the shared settings.</summary>
    protected NpgsqlDataSource DataSource => _dataSource ??= BenchmarkConnections.CreateDataSource();

    /// <summary>Aksara (raw API and CRUD), over its own data source with the same settings.</summary>
    protected Database Db => _db ??= BenchmarkConnections.CreateDatabase();

    protected PooledDbContextFactory<BenchmarkDbContext> EfContexts =>
        _efContexts ??= BenchmarkDbContext.CreateFactory(_efDataSource = BenchmarkConnections.CreateDataSource());

    /// <summary>Seeded, so that every variant gets the same sequence of keys.</summary>
    protected Random Random { get; private set; } = new(42);

    protected int NextWorldId() => Random.Next(1, SampleData.WorldRows + 1);

    [GlobalSetup]
    public async Task GlobalSetupAsync()
    {
        Random = new Random(42);
        await SetupAsync();
    }

    [GlobalCleanup]
    public async Task GlobalCleanupAsync()
    {
        await CleanupAsync();
        if (_db is not null)
            await _db.DisposeAsync();
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
        if (_efDataSource is not null)
            await _efDataSource.DisposeAsync();
        _db = null;
        _dataSource = _efDataSource = null;
        _efContexts = null;
    }

    protected virtual Task SetupAsync() => Task.CompletedTask;

    protected virtual Task CleanupAsync() => Task.CompletedTask;
}
