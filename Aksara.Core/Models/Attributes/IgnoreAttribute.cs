namespace Aksara;

/// <summary>Leaves the property out of the table.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IgnoreAttribute : Attribute;
