namespace Aksara.Migrations.Generation;

/// <summary>
/// The scripts one model change becomes on a live database, in the order they run. Each kind holds only statements
/// whose lock is safe in its place: nothing in a transaction holds a lock that blocks writes while the table is read.
/// </summary>
internal enum MigrationStepKind
{
    /// <summary>Catalog changes that take their lock for an instant (and, with --allow-rewrite or --unsafe, the rest).</summary>
    Change,

    /// <summary>Concurrent index builds and drops, outside a transaction: reads and writes go on.</summary>
    BuildIndexes,

    /// <summary>Validations of the constraints added NOT VALID (a scan that blocks no one), then the instant steps they allow.</summary>
    Validate,

    /// <summary>Validations of foreign keys that could only be added once the unique key they reference existed.</summary>
    ValidateForeignKeys,
}
