namespace Aksara.Benchmarks;

/// <summary>A row of TechEmpower's 12-row <c>Fortune</c> table.</summary>
[Table("fortune")]
public sealed class Fortune
{
    [PrimaryKey]
    public int Id { get; set; }

    public string Message { get; set; } = "";
}
