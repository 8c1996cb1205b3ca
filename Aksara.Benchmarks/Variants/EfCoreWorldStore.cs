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
        for (var i = 0; i < ids.Length; i++)
        {
            worlds[i] = (await CompiledQueries.WorldById(db, ids[i]))!;
            worlds[i].RandomNumber = newNumbers[i];
        }

        // EF tracks one instance per key, so a repeated id cannot go into the same SaveChanges. Each round saves the
        // next occurrence of every id (the first round all first occurrences, and so on): one UPDATE per requested row,
        // as in the other per-row variant, and for a repeated id the last number wins. Within a round rows go in key
        // order, so that concurrent requests take their row locks in one order.
        var occurrence = new int[ids.Length];
        var timesSeen = new Dictionary<int, int>(ids.Length);
        var rounds = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            occurrence[i] = timesSeen.GetValueOrDefault(ids[i]);
            timesSeen[ids[i]] = occurrence[i] + 1;
            rounds = Math.Max(rounds, occurrence[i] + 1);
        }
        for (var round = 0; round < rounds; round++)
        {
            foreach (var i in Enumerable.Range(0, ids.Length).Where(i => occurrence[i] == round).OrderBy(i => ids[i]))
                db.Attach(worlds[i]).Property(w => w.RandomNumber).IsModified = true;
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return worlds;
    }
}
