using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Introspection;

/// <summary>An index as <c>pg_catalog</c> describes it, including expression indexes and the indexes behind constraints.</summary>
/// <param name="Definition">
/// <c>pg_get_indexdef</c> from <c>USING</c> on (<c>USING btree (lower(email)) WHERE (active)</c>): method, keys,
/// operator classes, INCLUDE, storage options and predicate, without the index and table names, so that two indexes on
/// different tables compare by what they are.
/// </param>
/// <param name="Valid"><c>pg_index.indisvalid</c>: false for the remains of a failed <c>CREATE INDEX CONCURRENTLY</c>.</param>
/// <param name="BacksConstraint">It is the index of a primary key, unique or exclusion constraint, compared as that constraint.</param>
/// <param name="Model">The index in the snapshot's model; null when the model cannot hold it (an access method it has no name for).</param>
internal sealed record CatalogIndex(string Name, bool Unique, string Definition, bool Valid, bool BacksConstraint, IndexSchema? Model)
{
    public string DisplayDefinition => (Unique ? "UNIQUE " : "") + Definition;
}
