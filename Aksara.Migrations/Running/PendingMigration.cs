namespace Aksara;

/// <summary>A script that the next run would apply, with its SQL: what <c>aksara migrate --dry-run</c> prints.</summary>
public sealed record PendingMigration(string Name, string Sql, bool RunsInTransaction);
