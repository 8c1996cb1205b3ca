namespace Aksara.Migrations.Scripts;

/// <summary>Where a runner reads its migrations from: a folder, or the resources of an assembly.</summary>
internal interface IMigrationSource
{
    /// <summary>Every migration, in <see cref="MigrationFile.NameOrder"/>; throws <see cref="DuplicateMigrationNumberException"/> when two share a number.</summary>
    IReadOnlyList<MigrationScript> Load();

    /// <summary>The schema as of the newest migration (<c>aksara.snapshot.json</c>), or null when the source has none.</summary>
    Schema.SchemaSnapshot? LoadSnapshot();
}
