using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Renames a constraint or index whose definition is unchanged (its derived name followed a table or column
/// rename), instead of dropping and rebuilding it.
/// </summary>
internal sealed record RenameConstraint(QualifiedName Table, IConstraintSchema Constraint, string To) : MigrationOperation
{
    public override string Describe() => $"Rename {DropConstraint.Kind(Constraint)} {Constraint.Name} on {Display(Table)} to {To}";
}
