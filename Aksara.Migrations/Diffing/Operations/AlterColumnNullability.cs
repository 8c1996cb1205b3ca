using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Makes a column NULL or NOT NULL. Going NOT NULL with a default first fills the rows that hold NULL with
/// <see cref="BackfillWith"/>; without one, the script fails (and changes nothing) if such rows exist.
/// </summary>
internal sealed record AlterColumnNullability(QualifiedName Table, string Column, bool Nullable, string? BackfillWith) : MigrationOperation
{
    public override string Describe() => Nullable
        ? $"Make {Display(Table)}.{Column} nullable"
        : $"Make {Display(Table)}.{Column} NOT NULL" + (BackfillWith is null ? " (fails if a row holds NULL)" : $" (rows holding NULL get {BackfillWith})");

    public override string Slug => $"alter_{Table.Name}_{Column}";
}
