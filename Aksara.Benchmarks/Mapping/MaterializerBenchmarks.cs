using Aksara.Data;
using BenchmarkDotNet.Attributes;
using Dapper;

namespace Aksara.Benchmarks;

/// <summary>
/// Materializing 100 seven-column rows from an in-memory reader: no database, no I/O, only the cost of turning rows
/// into objects. EF Core has no public API that materializes an arbitrary reader, so it is not in this one.
/// </summary>
public class MaterializerBenchmarks
{
    private const int RowCount = 100;
    private Item[] _source = [];

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _source = Enumerable.Range(1, RowCount).Select(i => new Item
        {
            Id = ItemKeys.ForSeq(i),
            Seq = i,
            Name = "Item " + i,
            Email = $"user{i}@example.com",
            Price = i * 1.25m,
            IsActive = i % 3 != 0,
            CreatedAt = start.AddMinutes(i),
        }).ToArray();
    }

    [Benchmark(Baseline = true)]
    public List<Item> HandWritten()
    {
        var reader = new InMemoryItemReader(_source);
        var items = new List<Item>();
        while (reader.Read())
            items.Add(ItemReads.Read(reader));
        return items;
    }

    /// <summary>Dapper's parser, fetched once per result as its own <c>Query</c> does.</summary>
    [Benchmark]
    public List<Item> PlainDapper()
    {
        var reader = new InMemoryItemReader(_source);
        var parse = reader.GetRowParser<Item>();
        var items = new List<Item>();
        while (reader.Read())
            items.Add(parse(reader));
        return items;
    }

    /// <summary>What Aksara's <c>FetchAsync&lt;T&gt;</c> runs per result.</summary>
    [Benchmark]
    public List<Item> AksaraRaw()
    {
        var reader = new InMemoryItemReader(_source);
        var items = new List<Item>();
        if (!reader.Read())
            return items;
        var parse = RowParsers.For<Item>(reader);
        do
            items.Add(parse(reader));
        while (reader.Read());
        return items;
    }

    /// <summary>
    /// Not a library: what a typed materializer (<see cref="TypedMaterializerSketch"/>) costs, to size the gain
    /// available to Aksara's read path.
    /// </summary>
    [Benchmark]
    public List<Item> TypedGetFieldValueSketch()
    {
        var reader = new InMemoryItemReader(_source);
        var items = new List<Item>();
        if (!reader.Read())
            return items;
        var parse = TypedMaterializerSketch.For<Item>(reader);
        do
            items.Add(parse(reader));
        while (reader.Read());
        return items;
    }
}
