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

    /// <summary>
    /// The ids of <see cref="UpdateWorlds"/>, sorted and each once, with the number given last for each. PostgreSQL updates
    /// a row once per statement and, when the <c>FROM</c> list holds its id twice, uses whichever join row comes first
    /// ("not readily predictable", says the UPDATE page), so repeats are resolved here.
    /// </summary>
    internal static (int[] Ids, int[] Numbers) SortedForUpdate(World[] worlds)
    {
        var order = new int[worlds.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        // Ties broken by position: Array.Sort is not stable, and the later of two equal ids must stay later.
        Array.Sort(order, (a, b) => worlds[a].Id != worlds[b].Id ? worlds[a].Id.CompareTo(worlds[b].Id) : a.CompareTo(b));

        var ids = new List<int>(order.Length);
        var numbers = new List<int>(order.Length);
        for (var k = 0; k < order.Length; k++)
        {
            if (k + 1 < order.Length && worlds[order[k + 1]].Id == worlds[order[k]].Id)
                continue;
            ids.Add(worlds[order[k]].Id);
            numbers.Add(worlds[order[k]].RandomNumber);
        }
        return (ids.ToArray(), numbers.ToArray());
    }
}
