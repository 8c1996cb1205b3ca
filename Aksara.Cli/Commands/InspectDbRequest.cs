namespace Aksara.Cli.Commands;

/// <summary>The options of one <c>aksara inspectdb</c> invocation.</summary>
internal sealed record InspectDbRequest(
    string? DatabaseUrl,
    string? MigrationsDir,
    IReadOnlyList<string> Schemas,
    IReadOnlyList<string> Tables,
    string Output,
    string? Namespace,
    bool Force,
    bool Json);
