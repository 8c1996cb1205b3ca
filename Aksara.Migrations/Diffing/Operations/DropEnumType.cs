using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>Drops an enum type no column uses any more, after the columns and tables that used it are gone.</summary>
internal sealed record DropEnumType(EnumTypeSchema Type) : MigrationOperation
{
    public override string Describe() => $"Drop enum type {Display(Type.QualifiedName)}";

    public override string Slug => $"drop_{Type.Name}";
}
