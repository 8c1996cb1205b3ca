using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Aksara.Benchmarks;

/// <summary>EF Core at its fastest: compiled queries on pooled, non-tracking contexts; updates through change tracking.</summary>
public sealed class EfCoreWorldStore(PooledDbContextFactory<BenchmarkDbContext> contexts) : IWorldStore
{
    public async Task<World?> GetWorldAsync(int id)
    {
        await using var db = contexts.CreateDbContext();
        return await CompiledQueries.WorldById(db, id);
    }

    public async Task<World[]> GetWorldsAsync(int[] ids)
    {
        await using var db = contexts.CreateDbContext();
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            worlds[i] = (await CompiledQueries.WorldById(db, ids[i]))!;
        return worlds;
    }

    public async Task<IReadOnlyList<Fortune>> GetFortunesAsync()
    {
        await using var db = contexts.CreateDbContext();
        return await CompiledQueries.ToListAsync(CompiledQueries.AllFortunes(db));
    }

    public async Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers)
    {
        await using var db = contexts.CreateDbContext();
        var worlds = new World[ids.Length];
        var tracked = new Dictionary<int, World>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            worlds[i] = (await CompiledQueries.WorldById(db, ids[i]))!;
            worlds[i].RandomNumber = newNumbers[i];
            // EF tracks one instance per key: for a repeated id the last number wins, as in the other variants' UPDATE.
            tracked[worlds[i].Id] = worlds[i];
        }
        foreach (var world in tracked.Values.OrderBy(w => w.Id))
            db.Attach(world).Property(w => w.RandomNumber).IsModified = true;
        await db.SaveChangesAsync();
        return worlds;
    }
}
