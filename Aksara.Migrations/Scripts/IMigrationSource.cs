namespace Aksara.Migrations.Scripts;

/// <summary>Where a runner reads its migrations from: a folder, or the resources of an assembly.</summary>
internal interface IMigrationSource
{
    /// <summary>
    /// Every migration, in the order they apply: each module's (<c>auth:0001_initial</c>, …) before the application's own,
    /// each source by number. Throws <see cref="DuplicateMigrationNumberException"/> when two of one source share a number.
    /// </summary>
    IReadOnlyList<MigrationScript> Load();

    /// <summary>
    /// The schema as of the newest migration of each source (<c>aksara.snapshot.json</c>), its
    /// <see cref="Schema.SchemaSnapshot.LatestMigration"/> named as <see cref="Load"/> names it; empty when there is none.
    /// </summary>
    IReadOnlyList<Schema.SchemaSnapshot> LoadSnapshots();
}
