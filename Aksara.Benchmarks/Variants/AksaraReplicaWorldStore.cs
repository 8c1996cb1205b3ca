namespace Aksara.Benchmarks;

/// <summary>
/// Aksara's model API with reads through <c>db.Replica</c> (spread over the replicas it is given) and updates on the
/// primary, as a request that writes must.
/// </summary>
public sealed class AksaraReplicaWorldStore(Database db) : IWorldStore
{
    private readonly AksaraCrudWorldStore _primary = new(db);

    public Task<World?> GetWorldAsync(int id) => db.Replica.GetAsync<World>(id);

    public async Task<World[]> GetWorldsAsync(int[] ids)
    {
        await using var session = await db.Replica.OpenSessionAsync();
        return await AksaraCrudWorldStore.ReadWorldsAsync(session, ids);
    }

    public Task<IReadOnlyList<Fortune>> GetFortunesAsync() => db.Replica.Table<Fortune>().ToListAsync();

    public Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers) => _primary.UpdateWorldsAsync(ids, newNumbers);
}
