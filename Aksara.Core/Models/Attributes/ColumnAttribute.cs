namespace Aksara;

/// <summary>Overrides the column a property maps to: its name, length, precision and scale, or its SQL type outright.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ColumnAttribute(string? name = null) : Attribute
{
    public string? Name { get; } = name;

    /// <summary>For <c>string</c>: <c>varchar(MaxLength)</c> instead of <c>text</c>. 0 means not set.</summary>
    public int MaxLength { get; set; }

    /// <summary>For <c>decimal</c>: <c>numeric(Precision, Scale)</c>. 0 means not set (unconstrained <c>numeric</c>).</summary>
    public int Precision { get; set; }

    public int Scale { get; set; }

    /// <summary>The PostgreSQL type, written as is (e.g. <c>citext</c>, <c>inet</c>).</summary>
    public string? Type { get; set; }
}
