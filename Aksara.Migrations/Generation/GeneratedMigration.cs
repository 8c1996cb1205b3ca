using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Generation;

/// <summary>
/// What <see cref="MigrationGenerator"/> found: the operations, the script that applies them, the down script that
/// reverts them, and the snapshot that records the result.
/// </summary>
internal sealed record GeneratedMigration(
    IReadOnlyList<MigrationOperation> Operations,
    string Name,
    string Script,
    IReadOnlyList<MigrationOperation> DownOperations,
    string DownScript,
    SchemaSnapshot Snapshot)
{
    public bool HasChanges => Operations.Count > 0;

    public bool IsDestructive => Operations.Any(operation => operation.IsDestructive);
}
