namespace Aksara.Migrations.Scripts;

/// <summary>Where a runner reads its migrations from: a folder, or the resources of an assembly.</summary>
internal interface IMigrationSource
{
    /// <summary>Every migration, in <see cref="MigrationFile.NameOrder"/>; throws <see cref="DuplicateMigrationNumberException"/> when two share a number.</summary>
    IReadOnlyList<MigrationScript> Load();
}
