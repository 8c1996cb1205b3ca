namespace Aksara.Benchmarks;

/// <summary>A row of TechEmpower's <c>World</c> table: 10 000 rows, an integer key and a random number.</summary>
[Table("world")]
public sealed class World
{
    [PrimaryKey]
    public int Id { get; set; }

    [Column("randomnumber")]
    public int RandomNumber { get; set; }
}
