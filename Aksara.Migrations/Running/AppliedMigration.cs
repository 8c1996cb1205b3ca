namespace Aksara;

/// <summary>A script that a run applied (or, with <see cref="MigrationRunner.MarkAsAppliedAsync"/>, recorded), and how long it took.</summary>
public sealed record AppliedMigration(string Name, TimeSpan Duration);
