namespace Aksara.Benchmarks;

/// <summary>Deterministic rows and documents: every run, and every variant, writes the same data.</summary>
public static class SampleData
{
    public const int WorldRows = 10_000;
    public const int ItemRows = 10_000;
    public const string AddedFortune = "Additional fortune added at request time.";

    /// <summary>The <paramref name="count"/> rows the bulk-insert benchmarks and <c>psql \copy</c> write.</summary>
    public static BulkRow[] BulkRows(int count)
    {
        var random = new Random(20_240_101);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = new BulkRow[count];
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            rows[i] = new BulkRow
            {
                Id = new Guid(bytes),
                Seq = i + 1,
                Name = "row " + (i + 1),
                Score = Math.Round(random.NextDouble() * 1000, 3),
                CreatedAt = start.AddSeconds(i),
            };
        }
        return rows;
    }

    /// <summary>A document that serializes to about 1 KB of JSON.</summary>
    public static Payload Payload(int version) => new()
    {
        Name = "Ada Lovelace",
        Email = "ada.lovelace@example.com",
        Address = new Address { Street = "12 St James's Square", City = "London", PostalCode = "SW1Y 4JH", Country = "United Kingdom" },
        Tags = ["analytical-engine", "mathematics", "poetry", "notes", "bernoulli", "programming", "history", "science"],
        Scores = Enumerable.Range(0, 40).Select(i => (i * 37 + version) % 101).ToArray(),
        Notes = string.Concat(Enumerable.Repeat("The Analytical Engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves. ", 4)),
        Version = version,
    };

    public static Document NewDocument(int revision) => new()
    {
        Id = Guid.CreateVersion7(),
        Title = "Document " + revision,
        Body = new DocumentBody { Author = "bench", Tags = ["a", "b", "c"], Revision = revision },
    };

    /// <summary>TechEmpower's fortunes, including the markup and the non-ASCII text the test is about.</summary>
    public static IReadOnlyList<(int Id, string Message)> Fortunes { get; } =
    [
        (1, "fortune: No such file or directory"),
        (2, "A computer scientist is someone who fixes things that aren't broken."),
        (3, "After enough decimal places, nobody gives a damn."),
        (4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
        (5, "A computer program does what you tell it to do, not what you want it to do."),
        (6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen"),
        (7, "Any program that runs right is obsolete."),
        (8, "A list is only as strong as its weakest link. — Donald Knuth"),
        (9, "Feature: A bug with seniority."),
        (10, "Computers make very fast, very accurate mistakes."),
        (11, "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"),
        (12, "フレームワークのベンチマーク"),
    ];
}
