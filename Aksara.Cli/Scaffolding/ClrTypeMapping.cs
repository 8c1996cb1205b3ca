namespace Aksara.Cli.Scaffolding;

/// <summary>
/// A column's C# spelling: the property type, and the <c>[Column]</c> facets that make the model's DDL type the
/// column's own. <see cref="ExplicitType"/> is set when the conventions would derive another type.
/// </summary>
internal sealed record ClrTypeMapping(string TypeName, bool IsValueType, string? ExplicitType = null, int MaxLength = 0, int Precision = 0, int Scale = 0)
{
    /// <summary>The namespaces the type needs (<c>NpgsqlTypes</c> and <c>System</c> for <c>NpgsqlRange&lt;DateTime&gt;</c>).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>What a non-nullable property of a reference type starts as, so the model compiles under Nullable.</summary>
    public string? Initializer { get; init; }

    public ClrTypeMapping WithExplicitType(string sqlType) => this with { ExplicitType = sqlType, MaxLength = 0, Precision = 0, Scale = 0 };
}
