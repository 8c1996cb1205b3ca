namespace Aksara;

/// <summary>Marks the primary-key property (several for a composite key) of a <c>[Table]</c> class.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PrimaryKeyAttribute : Attribute
{
    private int? _order;

    /// <summary>The key constraint's name; <c>pk_{table}</c> when not set. On a composite key, set it on one property (or the same on all).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// The column's position in a composite key, when it is not the properties' declaration order (as in a database made
    /// by hand). Set it on every key property or on none; the keys are sorted by it. Reading it unset gives -1.
    /// </summary>
    public int Order
    {
        get => _order ?? -1;
        set => _order = value;
    }

    internal bool HasOrder => _order is not null;
}
