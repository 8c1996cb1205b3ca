using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Generation;

/// <summary>
/// What <see cref="MigrationGenerator"/> found: the model change as operations, the scripts that apply it (one, or
/// several in order when it changes tables that hold rows), and the snapshot that records the result.
/// </summary>
internal sealed record GeneratedMigration(IReadOnlyList<MigrationOperation> Operations, IReadOnlyList<GeneratedScript> Scripts, SchemaSnapshot Snapshot)
{
    public bool HasChanges => Operations.Count > 0;

    public bool IsDestructive => Operations.Any(operation => operation.IsDestructive);

    /// <summary>True when reverting some script of the change deletes data.</summary>
    public bool RevertDeletesData => Scripts.Any(script => script.Step.Down.Any(operation => operation.IsDestructive));
}
