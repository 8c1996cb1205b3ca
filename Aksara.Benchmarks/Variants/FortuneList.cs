namespace Aksara.Benchmarks;

/// <summary>TechEmpower's Fortunes work after the query: add one fortune in memory, sort by message (ordinal).</summary>
public static class FortuneList
{
    private static readonly Comparison<Fortune> ByMessage = static (a, b) => string.CompareOrdinal(a.Message, b.Message);

    public static List<Fortune> WithAddedAndSorted(IReadOnlyList<Fortune> fromDatabase)
    {
        var fortunes = new List<Fortune>(fromDatabase.Count + 1);
        fortunes.AddRange(fromDatabase);
        fortunes.Add(new Fortune { Id = 0, Message = SampleData.AddedFortune });
        fortunes.Sort(ByMessage);
        return fortunes;
    }
}
