using System.Diagnostics;
using System.Security.Cryptography;
using Aksara.Configuration;
using Aksara.Errors;
using Aksara.LocalDevelopment;
using Aksara.Migrations.Ddl;
using Aksara.Migrations.Running;
using Aksara.Migrations.Schema;
using Npgsql;

namespace Aksara.Cli.Setup;

/// <summary>
/// The work behind <c>aksara dbsetup</c> once every value is known: reach the server through its maintenance
/// database, create the database (and optionally an application role), check that the new URL connects, and write it
/// to <c>.env</c>. Progress goes to the writer given; failures are <see cref="DatabaseSetupException"/>s whose
/// message says what to do.
/// </summary>
internal sealed class DatabaseSetup(TextWriter output)
{
    /// <summary>The server's maintenance databases, tried in this order.</summary>
    private static readonly string[] s_maintenanceDatabases = ["postgres", "template1"];

    private const string RuntimeRoleVariable = "AKSARA_MIGRATIONS_RUNTIME_ROLE";

    public async Task<DatabaseSetupResult> RunAsync(DatabaseSetupOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        DatabaseSetupException.ThrowIfInvalidName(options.DatabaseName);
        if (options.CreateRole is not null)
            DatabaseSetupException.ThrowIfInvalidName(options.CreateRole, "role name");
        if (options.Port is < 1 or > 65535)
            throw new DatabaseSetupException(DatabaseSetupFailure.InvalidInput, $"Invalid port {options.Port}: use 1 to 65535.");

        var server = new ServerEndpoint(options);
        output.WriteLine($"Connecting to PostgreSQL at {server.Display} as \"{options.User}\"...");
        await using var admin = await OpenMaintenanceConnectionAsync(server, options, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Connected ({admin.PostgreSqlVersion}).");

        var created = await CreateDatabaseAsync(admin, options, cancellationToken).ConfigureAwait(false);

        var user = options.User;
        var password = options.Password;
        if (options.CreateRole is { } role)
        {
            password = await CreateRoleAsync(admin, role, options, cancellationToken).ConfigureAwait(false);
            user = role;
        }

        var url = PostgresUrl.Build(options.Host, options.Port, user, password, options.DatabaseName);
        var masked = PostgresUrl.Build(options.Host, options.Port, user, password, options.DatabaseName, maskPassword: true);
        await VerifyAsync(server, options, user, password, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Checked that {masked} connects.");

        await EnvFileEditor.SetVariableAsync(options.EnvFile, "DATABASE_URL", url, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Wrote DATABASE_URL to {Path.GetFullPath(options.EnvFile)}.");
        if (options.CreateRole is { } runtimeRole)
        {
            // Migrations run as the owner and grant the runtime role each new table; the setting tells them which role.
            await EnvFileEditor.SetVariableAsync(options.EnvFile, RuntimeRoleVariable, runtimeRole, cancellationToken).ConfigureAwait(false);
            var owner = PostgresUrl.Build(options.Host, options.Port, options.User, options.Password, options.DatabaseName, maskPassword: true);
            output.WriteLine($"Wrote {RuntimeRoleVariable}={runtimeRole}. Migrate as the owner: aksara migrate --database-url {owner}");
        }
        return new DatabaseSetupResult(url, masked, created, options.CreateRole, Path.GetFullPath(options.EnvFile));
    }

    private static async Task<NpgsqlConnection> OpenMaintenanceConnectionAsync(ServerEndpoint server, DatabaseSetupOptions options, CancellationToken cancellationToken)
    {
        foreach (var maintenance in s_maintenanceDatabases)
        {
            try
            {
                return await OpenAsync(options, options.User, options.Password, maintenance, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName && maintenance != s_maintenanceDatabases[^1])
            {
                // Some managed servers drop the postgres database; template1 always exists.
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                throw ConnectionFailure(ex, server, options);
            }
        }
        throw new UnreachableException();
    }

    private async Task<bool> CreateDatabaseAsync(NpgsqlConnection admin, DatabaseSetupOptions options, CancellationToken cancellationToken)
    {
        bool created;
        try
        {
            created = await DatabaseCreation.CreateIfMissingAsync(admin, options.DatabaseName, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new DatabaseSetupException(DatabaseSetupFailure.PermissionDenied,
                $"User \"{options.User}\" may not create databases (it lacks the CREATEDB privilege). Either ask an administrator to run " +
                $"ALTER ROLE {DatabaseNames.QuoteIdentifier(options.User)} CREATEDB; or to create the database with " +
                $"CREATE DATABASE {DatabaseNames.QuoteIdentifier(options.DatabaseName)} OWNER {DatabaseNames.QuoteIdentifier(options.User)}; " +
                "then run aksara dbsetup again, or pass --user for a user that may create databases.", ex);
        }
        output.WriteLine(created ? $"Created database \"{options.DatabaseName}\"." : $"Database \"{options.DatabaseName}\" already exists; using it.");
        return created;
    }

    /// <summary>
    /// Creates the runtime role, a login role with a new random password, and grants it what the runtime needs in the
    /// models' schema (as <c>migrate --grant-to</c> does after each run), by default on the tables the connected user, the
    /// owner that migrates, creates there later; returns the password.
    /// </summary>
    private async Task<string> CreateRoleAsync(NpgsqlConnection admin, string role, DatabaseSetupOptions options, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", admin))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = role });
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                // Resetting its password could lock out whatever else uses the role, so that stays a human decision.
                throw new DatabaseSetupException(DatabaseSetupFailure.InvalidInput,
                    $"Role \"{role}\" already exists. Choose another --create-role name, or connect as that role with --user {role} --password-stdin.");
            }
        }

        // Letters and digits only: safe in a URL, and ASCII as ScramVerifier requires.
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        try
        {
            await ExecuteAsync(admin, CreateRoleSql(role, password), cancellationToken).ConfigureAwait(false);
            // To connect and to use temporary tables; no CREATE, so it cannot make schemas.
            await ExecuteAsync(admin, $"GRANT CONNECT, TEMPORARY ON DATABASE {DatabaseNames.QuoteIdentifier(options.DatabaseName)} TO {DatabaseNames.QuoteIdentifier(role)}", cancellationToken).ConfigureAwait(false);
            await using var inDatabase = await OpenAsync(options, options.User, options.Password, options.DatabaseName, cancellationToken).ConfigureAwait(false);
            if (options.Schema != AksaraOptions.DefaultSchema)
                await ExecuteAsync(inDatabase, PostgresDdlWriter.CreateSchemaStatement(options.Schema), cancellationToken).ConfigureAwait(false);
            await RuntimeGrants.GrantAsync(inDatabase, role, [options.Schema], new QualifiedName(options.JournalSchema, AksaraJournal.DefaultTable), cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new DatabaseSetupException(DatabaseSetupFailure.PermissionDenied,
                $"User \"{options.User}\" may not create roles or grant on \"{options.DatabaseName}\" ({ex.MessageText}; it needs CREATEROLE and to own the database). " +
                "Run dbsetup as a user that may, or leave out --create-role.", ex);
        }
        output.WriteLine($"Created role \"{role}\" with a generated password and granted it what the application needs in schema \"{options.Schema}\" " +
            $"(no DDL): \"{options.User}\" owns the tables and runs the migrations.");
        return password;
    }

    /// <summary>
    /// The CREATE ROLE statement for a login role with <paramref name="password"/>. It carries a SCRAM-SHA-256 verifier
    /// of the password, never the password: the statement text can reach the server log (log_statement) and
    /// pg_stat_activity. CREATE ROLE takes no parameters; the verifier (base64, '$' and ':') is safe in the literal.
    /// </summary>
    internal static string CreateRoleSql(string role, string password) =>
        $"CREATE ROLE {DatabaseNames.QuoteIdentifier(role)} LOGIN PASSWORD '{ScramVerifier.Compute(password)}'";

    private static async Task VerifyAsync(ServerEndpoint server, DatabaseSetupOptions options, string user, string? password, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(options, user, password, options.DatabaseName, cancellationToken).ConfigureAwait(false);
            await using var probe = new NpgsqlCommand("SELECT 1", connection);
            await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            if (ex is PostgresException pg)
                throw new DatabaseSetupException(DatabaseSetupFailure.Failed,
                    $"The database was set up but \"{user}\" could not use it: {pg.MessageText}. Check the server's pg_hba.conf for \"{options.DatabaseName}\".", ex);
            throw ConnectionFailure(ex, server, options with { User = user });
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(DatabaseSetupOptions options, string user, string? password, string database, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = options.Host,
            Port = options.Port,
            Username = user,
            Password = string.IsNullOrEmpty(password) ? null : password,
            Database = database,
            Timeout = options.ConnectTimeoutSeconds,
            // One-off administrative connections: a pool would keep them (and the password) alive for nothing.
            Pooling = false,
            ApplicationName = "aksara dbsetup",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sorts a failed connection into unreachable, authentication failed or other, each with what to do.</summary>
    private static DatabaseSetupException ConnectionFailure(Exception exception, ServerEndpoint server, DatabaseSetupOptions options)
    {
        var target = new ConnectionTarget(server.Display, options.Host, options.Port, "postgres", options.User, 1, options.ConnectTimeoutSeconds, CommandTimeoutSeconds: 0);
        var translated = DatabaseErrors.Translate(exception, target) as AksaraConnectionException;
        switch (translated?.Failure)
        {
            case Aksara.ConnectionFailure.Refused or Aksara.ConnectionFailure.HostNotFound or Aksara.ConnectionFailure.Timeout:
                var what = translated.Failure switch
                {
                    Aksara.ConnectionFailure.HostNotFound => $"the host \"{options.Host}\" could not be resolved",
                    Aksara.ConnectionFailure.Timeout => $"nothing answered within {options.ConnectTimeoutSeconds} s",
                    _ => "the connection was refused",
                };
                return new DatabaseSetupException(DatabaseSetupFailure.Unreachable,
                    $"Could not reach PostgreSQL at {server.Display}: {what}. Is it running? Start it with" + Environment.NewLine +
                    "  Debian/Ubuntu:    sudo systemctl start postgresql" + Environment.NewLine +
                    "  macOS (Homebrew): brew services start postgresql" + Environment.NewLine +
                    $"  Docker:           docker run -d -p {options.Port}:5432 -e POSTGRES_PASSWORD=<password> postgres" + Environment.NewLine +
                    "or pass --host and --port for another server, or run aksara dbsetup --local for a database in this project.", exception);
            case Aksara.ConnectionFailure.AuthenticationFailed:
                var reason = exception is PostgresException { SqlState: PostgresErrorCodes.InvalidPassword }
                    ? "password authentication failed"
                    : "the server does not accept this user from here (pg_hba.conf)";
                return new DatabaseSetupException(DatabaseSetupFailure.AuthenticationFailed,
                    $"PostgreSQL at {server.Display} refused user \"{options.User}\": {reason}. Check --user and the password " +
                    (string.IsNullOrEmpty(options.Password) ? "(none was given; pass it with --password-stdin or at the prompt)." : "(--password-stdin or the prompt)."),
                    exception);
            default:
                var detail = exception is PostgresException pg ? pg.MessageText : translated?.Message ?? exception.GetType().Name;
                var failure = exception is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege }
                    ? DatabaseSetupFailure.PermissionDenied
                    : DatabaseSetupFailure.Failed;
                return new DatabaseSetupException(failure, $"Could not connect to PostgreSQL at {server.Display} as \"{options.User}\": {detail}", exception);
        }
    }

    /// <summary>How the server is named in messages: host and port, never credentials.</summary>
    private sealed record ServerEndpoint(string Display)
    {
        public ServerEndpoint(DatabaseSetupOptions options)
            : this(options.Host.StartsWith('/') ? $"the socket in {options.Host} (port {options.Port})"
                : options.Host.Contains(':') ? $"[{options.Host}]:{options.Port}" : $"{options.Host}:{options.Port}")
        {
        }
    }
}
