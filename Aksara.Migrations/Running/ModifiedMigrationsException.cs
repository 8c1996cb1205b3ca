namespace Aksara;

/// <summary>Scripts were edited after they were applied, so the folder no longer says what the database ran; nothing was applied.</summary>
public sealed class ModifiedMigrationsException(IReadOnlyList<string> names)
    : AksaraException(
        $"{string.Join(", ", names)} {(names.Count == 1 ? "was" : "were")} modified after being applied (the checksum differs from the journal's). "
        + "Restore the applied version from version control and put the change in a new migration.")
{
    public IReadOnlyList<string> Names { get; } = names;
}
