namespace Aksara.Migrations.Scripts;

/// <summary>
/// The <c>NNNN_name.sql</c> scripts of a migrations folder and the <c>NNNN_name.down.sql</c> beside each; first those of
/// each module the application uses, which <c>makemigrations</c> copies to <c>modules/&lt;module&gt;/</c> (in the module's
/// name order: a module's migrations depend on nothing outside it, the application's may depend on any module's).
/// </summary>
internal sealed class DirectoryMigrationSource(MigrationDirectory directory) : IMigrationSource
{
    public IReadOnlyList<MigrationScript> Load() =>
        directory.ListModules()
            .SelectMany(module => Scripts(directory.ForModule(module), module))
            .Concat(Scripts(directory, MigrationName.App))
            .ToList();

    public IReadOnlyList<Schema.SchemaSnapshot> LoadSnapshots() =>
        directory.ListModules()
            .Select(module => Snapshot(directory.ForModule(module), module))
            .Append(Snapshot(directory, MigrationName.App))
            .OfType<Schema.SchemaSnapshot>()
            .ToList();

    private static IEnumerable<MigrationScript> Scripts(MigrationDirectory folder, string module) =>
        folder.ListScripts().Select(file => new MigrationScript(MigrationName.Qualify(module, file.Name), file.ReadContents(), file.ReadDownContents()));

    private static Schema.SchemaSnapshot? Snapshot(MigrationDirectory folder, string module) =>
        File.Exists(folder.SnapshotPath) && folder.ReadSnapshot() is { LatestMigration: { } latest } snapshot
            ? snapshot with { LatestMigration = MigrationName.Qualify(module, latest) }
            : null;
}
