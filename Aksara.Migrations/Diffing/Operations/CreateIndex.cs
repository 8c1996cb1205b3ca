using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Creates an index. <see cref="Concurrently"/> builds it without blocking writes (outside a transaction, and rerunnable:
/// <c>IF NOT EXISTS</c>), as makemigrations writes it for a table that already exists.
/// </summary>
internal sealed record CreateIndex(QualifiedName Table, IndexSchema Index) : MigrationOperation
{
    public bool Concurrently { get; init; }

    public override string Describe() =>
        $"Create {(Index.Unique ? "unique " : "")}{Index.Method.ToString().ToLowerInvariant()} index {Index.Name} on {Display(Table)} ({string.Join(", ", Index.Columns)})"
        + (Index.Where is null ? "" : $" WHERE {Index.Where}")
        + (Concurrently ? ", concurrently" : "");

    public override string Slug => $"add_{Index.Name}";
}
