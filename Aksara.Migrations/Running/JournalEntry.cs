namespace Aksara.Migrations.Running;

/// <summary>A row of <c>aksara_migrations</c>. <see cref="ExecutionMs"/> is null for a script recorded with <c>--fake</c>.</summary>
internal sealed record JournalEntry(string Name, string Checksum, DateTimeOffset AppliedAt, int? ExecutionMs);
