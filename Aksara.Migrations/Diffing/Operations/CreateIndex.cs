using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

internal sealed record CreateIndex(QualifiedName Table, IndexSchema Index) : MigrationOperation
{
    public override string Describe() =>
        $"Create {(Index.Unique ? "unique " : "")}{Index.Method.ToString().ToLowerInvariant()} index {Index.Name} on {Display(Table)} ({string.Join(", ", Index.Columns)})"
        + (Index.Where is null ? "" : $" WHERE {Index.Where}");

    public override string Slug => $"add_{Index.Name}";
}
