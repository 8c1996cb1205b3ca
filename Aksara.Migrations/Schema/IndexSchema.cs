namespace Aksara.Migrations.Schema;

/// <summary>An index that is not the backing index of a constraint. <see cref="Where"/> makes it partial.</summary>
internal sealed record IndexSchema(string Name, IReadOnlyList<string> Columns, IndexMethod Method = IndexMethod.BTree, bool Unique = false, string? Where = null)
    : IConstraintSchema
{
    public bool Matches(IConstraintSchema other) =>
        other is IndexSchema index
        && index.Columns.SequenceEqual(Columns, StringComparer.Ordinal)
        && index.Method == Method
        && index.Unique == Unique
        && index.Where == Where;
}
