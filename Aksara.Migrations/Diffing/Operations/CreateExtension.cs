namespace Aksara.Migrations.Diffing;

internal sealed record CreateExtension(string Name) : MigrationOperation
{
    public override string Describe() => $"Create extension {Name} (if missing)";
}
