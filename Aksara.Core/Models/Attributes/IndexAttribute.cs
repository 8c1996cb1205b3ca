namespace Aksara;

/// <summary>
/// An index. On a property: an index on that column. On a class: an index on the named properties
/// (<c>[Index(nameof(A), nameof(B))]</c>), optionally unique, partial (<see cref="Where"/>) or of another method.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true)]
public sealed class IndexAttribute(params string[] properties) : Attribute
{
    public IReadOnlyList<string> Properties { get; } = properties;

    /// <summary>The index name; derived from the table and columns when not set.</summary>
    public string? Name { get; set; }

    public IndexMethod Method { get; set; } = IndexMethod.BTree;

    public bool Unique { get; set; }

    /// <summary>A SQL predicate that makes the index partial.</summary>
    public string? Where { get; set; }
}

public enum IndexMethod
{
    BTree,
    Gin,
    Gist,
    Brin,
    Hash,
}
