using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Introspection;

/// <summary>A table as <c>pg_catalog</c> describes it, with everything drift detection compares.</summary>
internal sealed record CatalogTable(
    QualifiedName Name,
    IReadOnlyList<CatalogColumn> Columns,
    IReadOnlyList<CatalogConstraint> Constraints,
    IReadOnlyList<CatalogIndex> Indexes,
    string? PartitionBy = null)
{
    public CatalogColumn? FindColumn(string name) => Columns.FirstOrDefault(column => column.Name == name);

    public CatalogConstraint? FindConstraint(string name) => Constraints.FirstOrDefault(constraint => constraint.Name == name);

    /// <summary>The index of that name that backs no constraint.</summary>
    public CatalogIndex? FindPlainIndex(string name) => Indexes.FirstOrDefault(index => index.Name == name && !index.BacksConstraint);

    /// <summary>
    /// The table in the snapshot's model. What the model cannot hold (exclusion constraints, expression indexes,
    /// generated columns' expressions) is left out.
    /// </summary>
    public TableSchema ToTableSchema()
    {
        var columns = Columns
            .Select(column => new ColumnSchema(column.Name, SqlTypes.Normalize(column.Type), !column.NotNull, column.Default) { Identity = column.IsIdentity })
            .ToList();
        var models = Constraints.Select(constraint => constraint.Model).OfType<IConstraintSchema>().ToList();
        return new TableSchema(
            Name.Schema,
            Name.Name,
            columns,
            models.OfType<PrimaryKeySchema>().FirstOrDefault(),
            models.OfType<UniqueConstraintSchema>().ToList(),
            Indexes.Where(index => !index.BacksConstraint).Select(index => index.Model).OfType<IndexSchema>().ToList(),
            models.OfType<ForeignKeySchema>().ToList(),
            models.OfType<CheckConstraintSchema>().ToList()) { PartitionBy = PartitionBy };
    }
}
