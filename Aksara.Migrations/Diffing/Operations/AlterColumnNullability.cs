using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Makes a column NULL or NOT NULL. Going NOT NULL with a default first fills the rows that hold NULL with
/// <see cref="BackfillWith"/>; without one, the script fails (and changes nothing) if such rows exist. With
/// <see cref="ProvenBy"/>, a validated <c>CHECK (column IS NOT NULL)</c> of that name already proves it, and PostgreSQL
/// skips the scan it would otherwise make under ACCESS EXCLUSIVE.
/// </summary>
internal sealed record AlterColumnNullability(QualifiedName Table, string Column, bool Nullable, string? BackfillWith) : MigrationOperation
{
    public string? ProvenBy { get; init; }

    public override string Describe() => Nullable
        ? $"Make {Display(Table)}.{Column} nullable"
        : $"Make {Display(Table)}.{Column} NOT NULL"
          + (ProvenBy is not null ? $" (proven by {ProvenBy}: no scan)"
              : BackfillWith is null ? " (fails if a row holds NULL)" : $" (rows holding NULL get {BackfillWith})");

    public override string Slug => $"alter_{Table.Name}_{Column}";
}
