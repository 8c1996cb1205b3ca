namespace Aksara.Migrations.Schema;

/// <summary>A CHECK constraint; <see cref="Expression"/> is the predicate as written in the model.</summary>
internal sealed record CheckConstraintSchema(string Name, string Expression) : IConstraintSchema
{
    public bool Matches(IConstraintSchema other) => other is CheckConstraintSchema check && check.Expression == Expression;
}
