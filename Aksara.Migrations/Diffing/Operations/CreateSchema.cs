namespace Aksara.Migrations.Diffing;

internal sealed record CreateSchema(string Name) : MigrationOperation
{
    public override string Describe() => $"Create schema {Name} (if missing)";
}
