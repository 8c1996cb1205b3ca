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

    public HttpVariants(string connectionString, Database db)
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
    }

    /// <summary>Each variant's store by URL prefix.</summary>
    public IReadOnlyDictionary<string, IWorldStore> Stores { get; }

    public async ValueTask DisposeAsync()
    {
        await _raw.DisposeAsync();
        await _dapper.DisposeAsync();
        await _efCore.DisposeAsync();
    }
}
