namespace Aksara;

/// <summary>References the primary key of <see cref="Target"/>'s table.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ForeignKeyAttribute(Type target) : Attribute
{
    public Type Target { get; } = target;

    public OnDelete OnDelete { get; set; } = OnDelete.NoAction;
}

public enum OnDelete
{
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}
