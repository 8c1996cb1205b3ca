namespace Aksara.Cli.Setup;

/// <summary>The dbsetup flags as given; null means "not given", to be asked for or defaulted.</summary>
internal sealed record DatabaseSetupRequest
{
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? User { get; init; }
    public bool PasswordFromStdin { get; init; }
    public string? Database { get; init; }
    public string? EnvFile { get; init; }
    public bool Yes { get; init; }
    public string? CreateRole { get; init; }
    public bool Local { get; init; }
}
