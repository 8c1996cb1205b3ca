namespace Aksara.Benchmarks;

/// <summary>Base of the benchmarks of TechEmpower's operations: the per-variant <see cref="IWorldStore"/>s the HTTP app also serves.</summary>
public abstract class WorldStoreBenchmark : DatabaseBenchmark
{
    private IWorldStore? _npgsql, _dapper, _efCore, _aksaraRaw, _aksaraCrud;

    protected IWorldStore NpgsqlStore => _npgsql ??= new NpgsqlWorldStore(DataSource);
    protected IWorldStore DapperStore => _dapper ??= new DapperWorldStore(DataSource);
    protected IWorldStore EfCoreStore => _efCore ??= new EfCoreWorldStore(EfContexts);
    protected IWorldStore AksaraRawStore => _aksaraRaw ??= new AksaraRawWorldStore(Db);
    protected IWorldStore AksaraCrudStore => _aksaraCrud ??= new AksaraCrudWorldStore(Db);

    protected int[] NextWorldIds(int count)
    {
        var ids = new int[count];
        for (var i = 0; i < count; i++)
            ids[i] = NextWorldId();
        return ids;
    }

    protected override Task CleanupAsync()
    {
        _npgsql = _dapper = _efCore = _aksaraRaw = _aksaraCrud = null;
        return Task.CompletedTask;
    }
}
