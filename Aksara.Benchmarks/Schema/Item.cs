namespace Aksara.Benchmarks;

/// <summary>A typical application row with a uuid key: what the uuid get-by-id, the range read and the mapping benchmarks read.</summary>
[Table("items")]
public sealed class Item
{
    [PrimaryKey]
    public Guid Id { get; set; }

    [Unique]
    public int Seq { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    [Column(Precision = 10, Scale = 2)]
    public decimal Price { get; set; }

    public bool IsActive { get; set; }

    public DateTime CreatedAt { get; set; }
}
