namespace Aksara;

/// <summary>Adds a unique constraint on the column.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UniqueAttribute : Attribute;
