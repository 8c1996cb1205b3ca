namespace Aksara;

/// <summary>References the primary key of <see cref="Target"/>'s table.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ForeignKeyAttribute(Type target) : Attribute
{
    public Type Target { get; } = target;

    public OnDelete OnDelete { get; set; } = OnDelete.NoAction;

    /// <summary>What happens to the referencing rows when the referenced key changes.</summary>
    public OnUpdate OnUpdate { get; set; } = OnUpdate.NoAction;

    /// <summary>The constraint name; <c>fk_{table}_{column}</c> when not set.</summary>
    public string? Name { get; set; }
}

public enum OnDelete
{
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

public enum OnUpdate
{
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}
