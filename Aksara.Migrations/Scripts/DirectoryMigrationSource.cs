namespace Aksara.Migrations.Scripts;

/// <summary>The <c>NNNN_name.sql</c> scripts of a migrations folder and the <c>NNNN_name.down.sql</c> beside each.</summary>
internal sealed class DirectoryMigrationSource(MigrationDirectory directory) : IMigrationSource
{
    public IReadOnlyList<MigrationScript> Load() =>
        directory.ListScripts().Select(file => new MigrationScript(file.Name, file.ReadContents(), file.ReadDownContents())).ToList();

    public Schema.SchemaSnapshot? LoadSnapshot() => File.Exists(directory.SnapshotPath) ? directory.ReadSnapshot() : null;
}
