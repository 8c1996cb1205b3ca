using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Introspection;

/// <summary>A table constraint as <c>pg_catalog</c> describes it.</summary>
/// <param name="Definition"><c>pg_get_constraintdef</c> without the trailing <c>NOT VALID</c> (that is <see cref="Validated"/>).</param>
/// <param name="Model">The same constraint in the snapshot's model; null for an exclusion constraint, which the model cannot hold.</param>
/// <param name="HasDefaultForeignKeyOptions">
/// For a foreign key: MATCH SIMPLE, not deferrable. The model only says ON DELETE and ON UPDATE, so a key that differs in
/// anything else was changed by hand.
/// </param>
internal sealed record CatalogConstraint(
    string Name,
    CatalogConstraintType Type,
    string Definition,
    bool Validated,
    IConstraintSchema? Model,
    bool HasDefaultForeignKeyOptions = true);
