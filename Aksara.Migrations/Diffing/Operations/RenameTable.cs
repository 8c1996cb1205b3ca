using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>Renames a table, moving it to another schema first when <see cref="To"/> is elsewhere. Rows are kept.</summary>
internal sealed record RenameTable(QualifiedName From, QualifiedName To) : MigrationOperation
{
    public override string Describe() => $"Rename table {Display(From)} to {Display(To)}";

    public override string Slug => From.Name == To.Name ? $"move_{To.Name}_to_{To.Schema}" : $"rename_{From.Name}_to_{To.Name}";
}
