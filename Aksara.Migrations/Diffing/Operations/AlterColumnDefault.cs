using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>Sets the column's default, or drops it when <see cref="Default"/> is null.</summary>
internal sealed record AlterColumnDefault(QualifiedName Table, string Column, string? Default) : MigrationOperation
{
    public override string Describe() =>
        Default is null ? $"Drop default of {Display(Table)}.{Column}" : $"Set default of {Display(Table)}.{Column} to {Default}";

    public override string Slug => $"alter_{Table.Name}_{Column}";
}
