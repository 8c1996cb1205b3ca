using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Generation;

/// <summary>What <see cref="MigrationGenerator"/> found: the operations, and the script and snapshot that would record them.</summary>
internal sealed record GeneratedMigration(IReadOnlyList<MigrationOperation> Operations, string Name, string Script, SchemaSnapshot Snapshot)
{
    public bool HasChanges => Operations.Count > 0;

    public bool IsDestructive => Operations.Any(operation => operation.IsDestructive);
}
