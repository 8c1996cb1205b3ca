using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>Makes an integer column an identity column (numbered by PostgreSQL, after the existing rows), or stops it being one.</summary>
internal sealed record AlterColumnIdentity(QualifiedName Table, string Column, bool Identity) : MigrationOperation
{
    public override string Describe() => Identity
        ? $"Number new rows of {Display(Table)}.{Column} automatically (identity)"
        : $"Stop numbering {Display(Table)}.{Column} automatically";

    public override string Slug => $"alter_{Table.Name}_{Column}";
}
