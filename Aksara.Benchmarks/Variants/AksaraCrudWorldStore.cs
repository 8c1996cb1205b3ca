namespace Aksara.Benchmarks;

/// <summary>
/// Aksara's model API: <c>GetAsync&lt;World&gt;(id)</c>, <c>Table&lt;Fortune&gt;().ToListAsync()</c> and
/// <c>UpdateManyAsync(worlds)</c> (one batch of single-row UPDATEs), several statements on one session.
/// </summary>
public sealed class AksaraCrudWorldStore(Database db) : IWorldStore
{
    public Task<World?> GetWorldAsync(int id) => db.GetAsync<World>(id);

    public async Task<World[]> GetWorldsAsync(int[] ids)
    {
        await using var session = await db.OpenSessionAsync();
        return await ReadWorldsAsync(session, ids);
    }

    public Task<IReadOnlyList<Fortune>> GetFortunesAsync() => db.Table<Fortune>().ToListAsync();

    public async Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers)
    {
        await using var session = await db.OpenSessionAsync();
        var worlds = await ReadWorldsAsync(session, ids);
        for (var i = 0; i < worlds.Length; i++)
            worlds[i].RandomNumber = newNumbers[i];
        // Sorted by key, so that concurrent requests updating the same rows take their locks in one order.
        await session.UpdateManyAsync(worlds.OrderBy(world => world.Id));
        return worlds;
    }

    internal static async Task<World[]> ReadWorldsAsync(AksaraSession session, int[] ids)
    {
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            worlds[i] = (await session.GetAsync<World>(ids[i]))!;
        return worlds;
    }
}
