namespace Aksara.Benchmarks;

/// <summary>What the bulk-insert benchmarks write, 100 000 at a time.</summary>
[Table("bulk_rows")]
public sealed class BulkRow
{
    [PrimaryKey]
    public Guid Id { get; set; }

    public int Seq { get; set; }

    public string Name { get; set; } = "";

    public double Score { get; set; }

    public DateTime CreatedAt { get; set; }
}
