namespace Aksara.Cli.Commands;

/// <summary>The options of one <c>aksara sqlmigrate</c> invocation.</summary>
internal sealed record SqlMigrateRequest(string Name, string? MigrationsDir, bool Down);
