namespace Aksara.Benchmarks;

/// <summary>What the insert benchmark writes: a client-generated uuid key, a jsonb body and a server-set timestamp.</summary>
[Table("documents")]
public sealed class Document
{
    [PrimaryKey]
    public Guid Id { get; set; }

    public string Title { get; set; } = "";

    [Jsonb]
    public DocumentBody Body { get; set; } = new();

    [Default("now()")]
    public DateTime CreatedAt { get; set; }
}

public sealed class DocumentBody
{
    public string Author { get; set; } = "";

    public string[] Tags { get; set; } = [];

    public int Revision { get; set; }
}
