namespace Aksara;

/// <summary>
/// Stores the enum as a PostgreSQL enum type named <see cref="Name"/> (<c>CREATE TYPE … AS ENUM</c>) instead of text. Its labels
/// are the members' names, in the order of their values, or what Npgsql's <c>[PgName("PG-13")]</c> on a member says.
/// </summary>
[AttributeUsage(AttributeTargets.Enum)]
public sealed class PgEnumAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>The PostgreSQL schema of the type; <c>public</c> when not set.</summary>
    public string? Schema { get; set; }
}
