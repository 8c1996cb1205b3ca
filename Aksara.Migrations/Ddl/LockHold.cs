namespace Aksara.Migrations.Ddl;

/// <summary>How long a statement holds the lock it takes, once it has it.</summary>
internal enum LockHold
{
    /// <summary>A catalog change: milliseconds, whatever the size of the table.</summary>
    Instant,

    /// <summary>While it reads every row of the table.</summary>
    Scan,

    /// <summary>While it builds an index over every row.</summary>
    Build,

    /// <summary>While it writes a new copy of the table and its indexes.</summary>
    Rewrite,
}
