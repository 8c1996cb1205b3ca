using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>Gives the rows that hold NULL in a column the value <see cref="Value"/>, before the column becomes NOT NULL.</summary>
internal sealed record FillNulls(QualifiedName Table, string Column, string Value) : MigrationOperation
{
    public override string Describe() => $"Set {Display(Table)}.{Column} to {Value} in the rows holding NULL";
}
