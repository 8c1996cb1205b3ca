namespace Aksara;

/// <summary>
/// A unique constraint (not a unique index: <c>[Index(Unique = true)]</c> is that). On a property: on its column, plus the
/// columns of any <see cref="Properties"/> named. On a class: on the named properties (<c>[Unique(nameof(A), nameof(B))]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true)]
public sealed class UniqueAttribute : Attribute
{
    public UniqueAttribute()
    {
        Properties = [];
    }

    public UniqueAttribute(params string[] properties)
    {
        Properties = properties ?? [];
    }

    /// <summary>The properties (or column names) the constraint covers, in order.</summary>
    public IReadOnlyList<string> Properties { get; }

    /// <summary>The constraint name; <c>uq_{table}_{col1}_{col2}</c> when not set.</summary>
    public string? Name { get; set; }
}
