using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Checks the existing rows against a constraint added <c>NOT VALID</c>. It scans the table under SHARE UPDATE EXCLUSIVE,
/// which lets reads and writes go on; new rows were already checked from the moment the constraint was added.
/// </summary>
internal sealed record ValidateConstraint(QualifiedName Table, IConstraintSchema Constraint) : MigrationOperation
{
    public override string Describe() => $"Validate {DropConstraint.Kind(Constraint)} {Constraint.Name} on {Display(Table)} against the existing rows";
}
