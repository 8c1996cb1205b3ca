namespace Aksara.Cli.Commands;

/// <summary>The options of one <c>aksara makemigrations</c> invocation.</summary>
internal sealed record MakeMigrationsRequest(
    string? App,
    string? Name,
    string? MigrationsDir,
    bool Check,
    bool Stdout,
    bool AllowDestructive,
    bool AllowRewrite,
    bool Unsafe,
    bool NoInput,
    bool Json);
