namespace Aksara;

/// <summary>Marks the primary-key property (several for a composite key) of a <c>[Table]</c> class.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PrimaryKeyAttribute : Attribute;
