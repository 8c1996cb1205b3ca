namespace Aksara.Benchmarks;

/// <summary>Aksara's raw API: the same SQL as the baseline with <c>$1</c> parameters, rows materialized by Dapper.</summary>
public sealed class AksaraRawWorldStore(Database db) : IWorldStore
{
    public Task<World?> GetWorldAsync(int id) => db.FetchRowAsync<World>(WorldSql.WorldById, id);

    public async Task<World[]> GetWorldsAsync(int[] ids)
    {
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            worlds[i] = (await db.FetchRowAsync<World>(WorldSql.WorldById, ids[i]))!;
        return worlds;
    }

    public Task<IReadOnlyList<Fortune>> GetFortunesAsync() => db.FetchAsync<Fortune>(WorldSql.AllFortunes);

    public async Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers)
    {
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            worlds[i] = (await db.FetchRowAsync<World>(WorldSql.WorldById, ids[i]))!;
            worlds[i].RandomNumber = newNumbers[i];
        }
        var (sortedIds, numbers) = WorldSql.SortedForUpdate(worlds);
        await db.ExecuteAsync(WorldSql.UpdateWorlds, sortedIds, numbers);
        return worlds;
    }
}
