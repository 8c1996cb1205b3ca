namespace Aksara.Benchmarks;

/// <summary>
/// Aksara's raw API: the same SQL as the baseline with <c>$1</c> parameters, rows materialized by Dapper. Work of
/// several statements runs on one session (one connection), as the baseline holds one connection.
/// </summary>
public sealed class AksaraRawWorldStore(Database db) : IWorldStore
{
    public Task<World?> GetWorldAsync(int id) => db.FetchRowAsync<World>(WorldSql.WorldById, id);

    public async Task<World[]> GetWorldsAsync(int[] ids)
    {
        await using var session = await db.OpenSessionAsync();
        return await ReadWorldsAsync(session, ids);
    }

    public Task<IReadOnlyList<Fortune>> GetFortunesAsync() => db.FetchAsync<Fortune>(WorldSql.AllFortunes);

    public async Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers)
    {
        await using var session = await db.OpenSessionAsync();
        var worlds = await ReadWorldsAsync(session, ids);
        for (var i = 0; i < worlds.Length; i++)
            worlds[i].RandomNumber = newNumbers[i];
        var (sortedIds, numbers) = WorldSql.SortedForUpdate(worlds);
        await session.ExecuteAsync(WorldSql.UpdateWorlds, sortedIds, numbers);
        return worlds;
    }

    private static async Task<World[]> ReadWorldsAsync(AksaraSession session, int[] ids)
    {
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            worlds[i] = (await session.FetchRowAsync<World>(WorldSql.WorldById, ids[i]))!;
        return worlds;
    }
}
