using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// A database object models cannot describe (a view, a trigger, a function, a partition, a sequence no column owns, an
/// extension): read so that adopting a database can list it, never lose it silently.
/// </summary>
/// <param name="Kind">What it is, in words: <c>view</c>, <c>materialized view</c>, <c>trigger</c>, <c>function</c>, …</param>
/// <param name="Schema">Its schema; for an extension, the schema it was installed in.</param>
/// <param name="Name">Its name; a function's includes its argument types, a trigger's is followed by its table in <see cref="Detail"/>.</param>
/// <param name="Detail">What else identifies it (the table of a trigger, the parent of a partition), or null.</param>
/// <param name="Definition">
/// The statement that creates it again, as the server prints it (<c>pg_get_viewdef</c>, <c>pg_get_functiondef</c>,
/// <c>pg_get_triggerdef</c>, …); null for what only its table's own DDL can create (a table's partitioning).
/// </param>
/// <param name="Drop">The statement that drops it again (<c>DROP VIEW IF EXISTS …</c>); null when <see cref="Definition"/> is.</param>
/// <param name="Table">The table it hangs off: a trigger's, a partition's parent, the partitioned table itself; null for the rest.</param>
internal sealed record UnmodelledObject(
    string Kind, string Schema, string Name, string? Detail, string? Definition = null, string? Drop = null, QualifiedName? Table = null)
{
    /// <summary>Whether the tables may need it (a domain, a function a default or check calls), so it is created before them.</summary>
    public bool PrecedesTables => Kind is "extension" or "sequence" or "domain" or "function" or "procedure" or "window function";

    public override string ToString() => $"{Kind} {Schema}.{Name}{(Detail is null ? "" : $" ({Detail})")}";
}
