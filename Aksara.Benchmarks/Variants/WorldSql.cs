namespace Aksara.Benchmarks;

/// <summary>The SQL the variants that write SQL send; identical text, so only the library around it differs.</summary>
internal static class WorldSql
{
    internal const string WorldById = "SELECT id, randomnumber FROM world WHERE id = $1";
    internal const string AllFortunes = "SELECT id, message FROM fortune";

    /// <summary>All rows of a TechEmpower update in one statement; the ids are sorted so that concurrent updates cannot deadlock.</summary>
    internal const string UpdateWorlds =
        "UPDATE world SET randomnumber = v.randomnumber FROM unnest($1::int[], $2::int[]) AS v(id, randomnumber) WHERE world.id = v.id";

    internal const string DapperWorldById = "SELECT id, randomnumber FROM world WHERE id = @id";
    internal const string DapperUpdateWorlds =
        "UPDATE world SET randomnumber = v.randomnumber FROM unnest(@ids, @numbers) AS v(id, randomnumber) WHERE world.id = v.id";

    /// <summary>Sorted copies of the ids and their new numbers, for <see cref="UpdateWorlds"/>.</summary>
    internal static (int[] Ids, int[] Numbers) SortedForUpdate(World[] worlds)
    {
        var sorted = (World[])worlds.Clone();
        Array.Sort(sorted, static (a, b) => a.Id.CompareTo(b.Id));
        var ids = new int[sorted.Length];
        var numbers = new int[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            ids[i] = sorted[i].Id;
            numbers[i] = sorted[i].RandomNumber;
        }
        return (ids, numbers);
    }
}
