using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Adds a label to an enum type, before <see cref="Before"/> or after <see cref="After"/> (at the end when neither). A
/// label added in a transaction cannot be used until it commits, so these run in a script of their own, before the
/// change that may use them. PostgreSQL cannot drop a label: the way back leaves it in place.
/// </summary>
internal sealed record AddEnumLabel(QualifiedName Type, string Label, string? Before, string? After) : MigrationOperation
{
    public override string Describe() =>
        $"Add label '{Label}' to enum type {Display(Type)}" + (Before is not null ? $" before '{Before}'" : After is not null ? $" after '{After}'" : "");

    public override string Slug => $"add_{Type.Name}_{Label}";
}
