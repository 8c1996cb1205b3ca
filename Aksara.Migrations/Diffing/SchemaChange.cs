namespace Aksara.Migrations.Diffing;

/// <summary>A schema change both ways: <see cref="Up"/> applies it, <see cref="Down"/> reverts it.</summary>
internal sealed record SchemaChange(IReadOnlyList<MigrationOperation> Up, IReadOnlyList<MigrationOperation> Down);
