namespace Aksara.Migrations.Introspection;

/// <summary>
/// An enum or a domain of the database, keyed by <see cref="FormattedName"/>: the spelling <c>format_type</c> gives the
/// columns of that type in the same session (qualified only when its schema is not on the search path).
/// </summary>
/// <param name="Labels">An enum's labels in their order; empty for a domain.</param>
/// <param name="BaseType">A domain's base type as <c>format_type</c> spells it; null for an enum.</param>
internal sealed record CatalogUserType(string FormattedName, string Schema, string Name, IReadOnlyList<string> Labels, string? BaseType)
{
    public bool IsEnum => BaseType is null;
}
