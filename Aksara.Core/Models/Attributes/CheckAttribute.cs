namespace Aksara;

/// <summary>A CHECK constraint on the table, a SQL predicate written as is.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class CheckAttribute(string sql) : Attribute
{
    public string Sql { get; } = sql;

    /// <summary>The constraint name; derived from the table and expression when not set.</summary>
    public string? Name { get; set; }
}
