namespace Aksara.Migrations.Running;

/// <summary>
/// A row of <c>aksara_migrations</c>. <see cref="ExecutionMs"/> is null for a script recorded with <c>--fake</c>;
/// <see cref="DownChecksum"/> is null when the migration had no down script when it was applied.
/// </summary>
internal sealed record JournalEntry(string Name, string Checksum, DateTimeOffset AppliedAt, int? ExecutionMs, string? DownChecksum, JournalRowState State);
