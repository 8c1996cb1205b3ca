namespace Aksara.Benchmarks;

/// <summary>A row holding a document of about 1 KB in a jsonb column, for the jsonb round-trip benchmark.</summary>
[Table("payloads")]
public sealed class PayloadRow
{
    [PrimaryKey]
    public int Id { get; set; }

    [Jsonb]
    public Payload Data { get; set; } = new();
}

public sealed class Payload
{
    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public Address Address { get; set; } = new();

    public string[] Tags { get; set; } = [];

    public int[] Scores { get; set; } = [];

    public string Notes { get; set; } = "";

    public int Version { get; set; }
}

public sealed class Address
{
    public string Street { get; set; } = "";

    public string City { get; set; } = "";

    public string PostalCode { get; set; } = "";

    public string Country { get; set; } = "";
}
