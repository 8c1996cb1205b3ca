namespace Aksara.Cli.Setup;

/// <summary>What <see cref="DatabaseSetup"/> needs, every value already decided (prompting happens before).</summary>
internal sealed record DatabaseSetupOptions
{
    public const string DefaultHost = "localhost";
    public const int DefaultPort = 5432;
    public const string DefaultUser = "postgres";

    /// <summary>A host name, an IPv4 or IPv6 address, or a Unix socket directory (starting with '/').</summary>
    public string Host { get; init; } = DefaultHost;

    public int Port { get; init; } = DefaultPort;

    /// <summary>The user dbsetup connects as; it needs CREATEDB (and CREATEROLE with <see cref="CreateRole"/>).</summary>
    public string User { get; init; } = DefaultUser;

    /// <summary>Null or empty when the server needs none (trust or peer authentication).</summary>
    public string? Password { get; init; }

    public required string DatabaseName { get; init; }

    /// <summary>The <c>.env</c> file whose <c>DATABASE_URL</c> line is written (created when missing).</summary>
    public required string EnvFile { get; init; }

    /// <summary>Also create this login role with a generated password, grant it the database, and write its URL instead.</summary>
    public string? CreateRole { get; init; }

    /// <summary>Seconds to wait for each connection.</summary>
    public int ConnectTimeoutSeconds { get; init; } = 5;
}
