namespace Aksara.Cli.Commands;

/// <summary>The options of one <c>aksara showmigrations</c> invocation.</summary>
internal sealed record ShowMigrationsRequest(string? DatabaseUrl, string? MigrationsDir, bool Json);
