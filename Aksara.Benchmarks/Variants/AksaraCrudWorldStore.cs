namespace Aksara.Benchmarks;

/// <summary>
/// Aksara's model API: <c>GetAsync&lt;World&gt;(id)</c>, <c>Table&lt;Fortune&gt;().ToListAsync()</c> and
/// <c>UpdateAsync(world)</c>. It has no multi-row update, so updates cost one round trip per row.
/// </summary>
public sealed class AksaraCrudWorldStore(Database db) : IWorldStore
{
    public Task<World?> GetWorldAsync(int id) => db.GetAsync<World>(id);

    public async Task<World[]> GetWorldsAsync(int[] ids)
    {
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            worlds[i] = (await db.GetAsync<World>(ids[i]))!;
        return worlds;
    }

    public Task<IReadOnlyList<Fortune>> GetFortunesAsync() => db.Table<Fortune>().ToListAsync();

    public async Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers)
    {
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            worlds[i] = (await db.GetAsync<World>(ids[i]))!;
            worlds[i].RandomNumber = newNumbers[i];
        }
        foreach (var world in worlds)
            await db.UpdateAsync(world);
        return worlds;
    }
}
