using Aksara.Configuration;
using Npgsql;

namespace Aksara.Testing;

/// <summary>
/// A running PostgreSQL server and how to reach it as its superuser. Disposing it stops the
/// server and, for a throwaway one, deletes its data.
/// </summary>
public abstract class ProvisionedServer : IAsyncDisposable
{
    readonly NpgsqlConnectionStringBuilder _admin;

    /// <param name="connectionString">Npgsql connection string of the admin database as a superuser.</param>
    protected ProvisionedServer(string connectionString)
    {
        _admin = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(_admin.Host))
            throw new ArgumentException("The connection string has no Host.", nameof(connectionString));
        _admin.Database ??= "postgres";
        _admin.Username ??= "postgres";
    }

    public string Host => _admin.Host!;

    public int Port => _admin.Port;

    public string Username => _admin.Username!;

    /// <summary>Null when the server trusts local connections.</summary>
    public string? Password => _admin.Password;

    /// <summary>The admin database, normally <c>postgres</c>.</summary>
    public string Database => _admin.Database!;

    /// <summary>Npgsql connection string of the admin database.</summary>
    public string ConnectionString => _admin.ConnectionString;

    /// <summary>The admin database as a <c>postgresql://</c> URL, the form <c>DATABASE_URL</c> takes.</summary>
    public string DatabaseUrl => GetDatabaseUrl(Database);

    /// <summary>The same server and credentials, another database.</summary>
    public string GetConnectionString(string database)
        => new NpgsqlConnectionStringBuilder(_admin.ConnectionString) { Database = database }.ConnectionString;

    public string GetDatabaseUrl(string database)
    {
        var url = PostgresUrl.Build(Host, Port, Username, Password, database);
        if (_admin.SslMode is SslMode.Prefer)
            return url;
        return url + (url.Contains('?') ? '&' : '?') + "sslmode=" + ToLibpq(_admin.SslMode);
    }

    /// <summary>Stops the server, keeping its data, so that <see cref="StartAgainAsync"/> can bring it back.</summary>
    public abstract Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a stopped server again on the same port with the same data.</summary>
    public abstract Task StartAgainAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();

    public override string ToString() => $"PostgreSQL at {Host}:{Port}";

    static string ToLibpq(SslMode mode) => mode switch
    {
        SslMode.VerifyCA => "verify-ca",
        SslMode.VerifyFull => "verify-full",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
