using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>Creates a PostgreSQL enum type, before the tables whose columns use it.</summary>
internal sealed record CreateEnumType(EnumTypeSchema Type) : MigrationOperation
{
    public override string Describe() => $"Create enum type {Display(Type.QualifiedName)} ({string.Join(", ", Type.Labels)})";

    public override string Slug => $"create_{Type.Name}";
}
