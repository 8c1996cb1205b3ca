using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Creates a table with its columns, primary key, unique and check constraints, and the foreign keys in
/// <see cref="InlineForeignKeys"/> (those whose target exists by then; the others are added afterwards).
/// </summary>
internal sealed record CreateTable(TableSchema Table, IReadOnlyList<ForeignKeySchema> InlineForeignKeys) : MigrationOperation
{
    /// <summary>Created again by a down script after its up dropped it: it comes back empty.</summary>
    public bool Recreated { get; init; }

    public override string Describe() => $"Create table {Display(Table.QualifiedName)} ({Table.Columns.Count} columns)";

    public override string Slug => $"create_{Table.Name}";
}
