namespace Aksara.Benchmarks;

/// <summary>
/// TechEmpower's four database operations, written once per variant and shared by the in-process benchmarks and the
/// HTTP app, so that both measure the same code. Callers choose the ids; stores never batch reads (one SELECT per row).
/// </summary>
public interface IWorldStore
{
    Task<World?> GetWorldAsync(int id);

    /// <summary>One SELECT per id, in order, as TechEmpower's multiple-queries test requires (no <c>IN</c>).</summary>
    Task<World[]> GetWorldsAsync(int[] ids);

    /// <summary>The 12 rows of <c>fortune</c>, unsorted.</summary>
    Task<IReadOnlyList<Fortune>> GetFortunesAsync();

    /// <summary>Reads each row on its own, gives it <paramref name="newNumbers"/>[i], and writes them back.</summary>
    Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers);
}
