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

    /// <summary>
    /// Also create this login role, with a generated password, as the application's runtime role: granted what the runtime
    /// needs in <see cref="Schema"/> and nothing more, its URL written as <c>DATABASE_URL</c>; <see cref="User"/> stays the
    /// owner that migrates.
    /// </summary>
    public string? CreateRole { get; init; }

    /// <summary>The models' schema (<c>Aksara:Schema</c> of the project), created when missing for <see cref="CreateRole"/>.</summary>
    public string Schema { get; init; } = AksaraOptions.DefaultSchema;

    /// <summary>The schema of the migrations journal (<c>Aksara:Migrations:Schema</c>, else <see cref="Schema"/>).</summary>
    public string JournalSchema { get; init; } = AksaraOptions.DefaultSchema;

    /// <summary>Seconds to wait for each connection.</summary>
    public int ConnectTimeoutSeconds { get; init; } = 5;
}
