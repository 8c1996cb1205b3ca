namespace Aksara.Migrations.Schema;

internal sealed record PrimaryKeySchema(string Name, IReadOnlyList<string> Columns) : IConstraintSchema
{
    public bool Matches(IConstraintSchema other) => other is PrimaryKeySchema key && key.Columns.SequenceEqual(Columns, StringComparer.Ordinal);
}
