using Microsoft.EntityFrameworkCore;

namespace Aksara.Benchmarks;

/// <summary>EF Core's fastest read path: queries translated once, run on pooled, non-tracking contexts.</summary>
public static class CompiledQueries
{
    public static readonly Func<BenchmarkDbContext, int, Task<World?>> WorldById =
        EF.CompileAsyncQuery((BenchmarkDbContext db, int id) => db.Worlds.FirstOrDefault(w => w.Id == id));

    public static readonly Func<BenchmarkDbContext, Guid, Task<Item?>> ItemById =
        EF.CompileAsyncQuery((BenchmarkDbContext db, Guid id) => db.Items.FirstOrDefault(i => i.Id == id));

    public static readonly Func<BenchmarkDbContext, int, IAsyncEnumerable<Item>> ItemsAfter =
        EF.CompileAsyncQuery((BenchmarkDbContext db, int after) => db.Items.Where(i => i.Seq > after).OrderBy(i => i.Seq).Take(100));

    public static readonly Func<BenchmarkDbContext, IAsyncEnumerable<Fortune>> AllFortunes =
        EF.CompileAsyncQuery((BenchmarkDbContext db) => db.Fortunes);

    public static readonly Func<BenchmarkDbContext, int, Task<PayloadRow?>> PayloadById =
        EF.CompileAsyncQuery((BenchmarkDbContext db, int id) => db.Payloads.FirstOrDefault(p => p.Id == id));

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows)
            list.Add(row);
        return list;
    }
}
