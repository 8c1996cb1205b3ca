namespace Aksara.Migrations.Schema;

/// <summary>
/// An index that is not the backing index of a constraint. <see cref="Where"/> makes it partial; <see cref="Expression"/>
/// holds the keys as SQL for an index on expressions, whose <see cref="Columns"/> are then empty.
/// </summary>
internal sealed record IndexSchema(
    string Name, IReadOnlyList<string> Columns, IndexMethod Method = IndexMethod.BTree, bool Unique = false, string? Where = null, string? Expression = null)
    : IConstraintSchema
{
    public bool Matches(IConstraintSchema other) =>
        other is IndexSchema index
        && index.Columns.SequenceEqual(Columns, StringComparer.Ordinal)
        && index.Method == Method
        && index.Unique == Unique
        && index.Where == Where
        && index.Expression == Expression;
}
