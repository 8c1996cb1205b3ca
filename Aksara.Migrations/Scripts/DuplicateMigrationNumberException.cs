namespace Aksara.Migrations.Scripts;

/// <summary>Two scripts share a number, usually after merging two branches that each added a migration.</summary>
internal sealed class DuplicateMigrationNumberException(IReadOnlyList<MigrationFile> clash)
    : AksaraException(
        $"Two migrations have the number {clash[0].Number:D4}: {string.Join(" and ", clash.Select(file => file.FileName))} (two branches each added one?). "
        + "Keep the one that is already on your main branch; delete the other, take " + Schema.SchemaSnapshot.FileName + " from the kept side, "
        + "and run `aksara makemigrations` to write the deleted one's changes again under the next number.")
{
    public IReadOnlyList<MigrationFile> Clash { get; } = clash;
}
