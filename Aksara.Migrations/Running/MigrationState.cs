namespace Aksara;

/// <summary>Where one migration script stands between the migrations folder and the journal of a database.</summary>
public enum MigrationState
{
    /// <summary>In the folder and in the journal, unchanged since it was applied.</summary>
    Applied,

    /// <summary>In the folder, not yet applied.</summary>
    Pending,

    /// <summary>Applied, but the file's checksum differs from the one recorded: it was edited afterwards.</summary>
    Modified,

    /// <summary>Recorded as applied, but no longer in the folder.</summary>
    Missing,
}
