using Npgsql;

namespace Aksara.Benchmarks.Http;

/// <summary>
/// The data access of each HTTP variant, each over a pool of its own with the settings they all share
/// (<see cref="BenchmarkConnections"/>). Aksara's variants use the app's <see cref="Database"/>, registered by <c>AddAksara</c>.
/// </summary>
public sealed class HttpVariants : IAsyncDisposable
{
    private readonly NpgsqlDataSource _raw;
    private readonly NpgsqlDataSource _dapper;
    private readonly NpgsqlDataSource _efCore;
    private readonly Database? _throughBouncer;

    /// <param name="bouncerUrl">With <c>--scale-out</c>: the database through PgBouncer, for <c>/aksara-bouncer</c>.</param>
    public HttpVariants(string connectionString, Database db, string? bouncerUrl = null)
    {
        _raw = NpgsqlDataSource.Create(connectionString);
        _dapper = NpgsqlDataSource.Create(connectionString);
        _efCore = NpgsqlDataSource.Create(connectionString);
        Stores = new Dictionary<string, IWorldStore>
        {
            ["/raw"] = new NpgsqlWorldStore(_raw),
            ["/dapper"] = new DapperWorldStore(_dapper),
            ["/ef"] = new EfCoreWorldStore(BenchmarkDbContext.CreateFactory(_efCore)),
            ["/aksara-raw"] = new AksaraRawWorldStore(db),
            ["/aksara"] = new AksaraCrudWorldStore(db),
        };
        if (bouncerUrl is null)
            return;
        // Through a transaction-pooling bouncer Aksara prepares no statements (AKSARA_PGBOUNCER=transaction): that cost
        // is part of what this variant measures.
        _throughBouncer = new Database(new AksaraOptions
        {
            DatabaseUrl = bouncerUrl,
            PgBouncer = PgBouncerMode.Transaction,
            PoolMinSize = 0,
            PoolMaxSize = BenchmarkEnvironment.PoolMaxSize,
            ApplicationName = "aksara-bench",
        });
        Stores["/aksara-replica"] = new AksaraReplicaWorldStore(db);
        Stores["/aksara-bouncer"] = new AksaraCrudWorldStore(_throughBouncer);
    }

    /// <summary>Each variant's store by URL prefix.</summary>
    public Dictionary<string, IWorldStore> Stores { get; }

    public async ValueTask DisposeAsync()
    {
        await _raw.DisposeAsync();
        await _dapper.DisposeAsync();
        await _efCore.DisposeAsync();
        if (_throughBouncer is not null)
            await _throughBouncer.DisposeAsync();
    }
}
