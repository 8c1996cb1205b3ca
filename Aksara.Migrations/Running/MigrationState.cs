namespace Aksara;

/// <summary>Where one migration script stands between the migrations folder and the journal of a database.</summary>
public enum MigrationState
{
    /// <summary>In the folder and in the journal, unchanged since it was applied.</summary>
    Applied,

    /// <summary>In the folder, not yet applied.</summary>
    Pending,

    /// <summary>Applied, but the file's checksum (of the up or of the down script) differs from the one recorded: it was edited afterwards.</summary>
    Modified,

    /// <summary>Recorded as applied, but no longer in the folder.</summary>
    Missing,

    /// <summary>
    /// A script that runs without a transaction (or its down) started and never finished: its process was killed or lost its
    /// connection. Nothing more runs until it is resolved (<c>aksara migrate --resolve NAME --applied|--rolled-back</c>).
    /// </summary>
    InProgress,
}
