namespace Aksara.Migrations.Generation;

/// <summary>
/// The scripts one model change becomes on a live database, in the order they run. Each kind holds only statements
/// whose lock is safe in its place: nothing in a transaction holds a lock that blocks writes while the table is read.
/// </summary>
internal enum MigrationStepKind
{
    /// <summary>
    /// New labels of existing enum types, first and alone: a label added in a transaction cannot be used (as a default, in
    /// a check, in a row) until that transaction commits. The script itself runs in a transaction, which PostgreSQL allows
    /// for <c>ADD VALUE</c> since version 12 (every supported version).
    /// </summary>
    AddEnumLabels,

    /// <summary>Catalog changes that take their lock for an instant (and, with --allow-rewrite or --unsafe, the rest).</summary>
    Change,

    /// <summary>Concurrent index builds and drops, outside a transaction: reads and writes go on.</summary>
    BuildIndexes,

    /// <summary>Validations of the constraints added NOT VALID (a scan that blocks no one), then the instant steps they allow.</summary>
    Validate,

    /// <summary>Validations of foreign keys that could only be added once the unique key they reference existed.</summary>
    ValidateForeignKeys,
}
