namespace Aksara;

/// <summary>Stores the property as <c>jsonb</c>, serialized with System.Text.Json.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class JsonbAttribute : Attribute;
