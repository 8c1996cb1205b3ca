namespace Aksara.Migrations.Schema;

internal sealed record UniqueConstraintSchema(string Name, IReadOnlyList<string> Columns) : IConstraintSchema
{
    public bool Matches(IConstraintSchema other) => other is UniqueConstraintSchema unique && unique.Columns.SequenceEqual(Columns, StringComparer.Ordinal);
}
