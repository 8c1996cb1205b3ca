namespace Aksara.Migrations.Introspection;

/// <summary>The kinds of <c>pg_constraint.contype</c> that belong to a table's definition (NOT NULL is read from the column).</summary>
internal enum CatalogConstraintType
{
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Exclusion,
}
