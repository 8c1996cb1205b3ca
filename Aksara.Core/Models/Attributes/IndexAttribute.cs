namespace Aksara;

/// <summary>
/// An index. On a property: an index on that column. On a class: an index on the named properties
/// (<c>[Index(nameof(A), nameof(B))]</c>) or on SQL expressions (<c>[Index(Expression = "lower(email)", Name = "…")]</c>),
/// optionally unique, partial (<see cref="Where"/>) or of another method.
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

    /// <summary>
    /// The index's keys as SQL, written as is (<c>lower(email)</c>, <c>(data -&gt;&gt; 'kind'), created_at</c>), instead of
    /// properties; on a class, with a <see cref="Name"/>.
    /// </summary>
    public string? Expression { get; set; }
}

public enum IndexMethod
{
    BTree,
    Gin,
    Gist,
    Brin,
    Hash,
}
