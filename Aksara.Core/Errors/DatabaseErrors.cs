using System.Net.Sockets;
using Npgsql;

namespace Aksara.Errors;

/// <summary>Turns Npgsql's exceptions into Aksara's typed ones, adding the hint a user needs to fix the cause.</summary>
internal static class DatabaseErrors
{
    /// <summary>The typed exception for <paramref name="exception"/>, or null to let it through unchanged.</summary>
    internal static Exception? Translate(Exception exception, ConnectionTarget target) => exception switch
    {
        AksaraException => null,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg => new UniqueViolationException(pg),
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg => new ForeignKeyViolationException(pg),
        PostgresException { SqlState: PostgresErrorCodes.NotNullViolation } pg => new NotNullViolationException(pg),
        PostgresException { SqlState: PostgresErrorCodes.CheckViolation } pg => new CheckViolationException(pg),
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } pg => new ReadOnlyDatabaseException(
            $"{target.MaskedUrl} is read-only: {pg.MessageText}. Writes go through the Database, not db.Replica; after a failover the pool reconnects to the new primary.", pg),
        PostgresException pg when ValueRejectedException.Covers(pg.SqlState) => new ValueRejectedException(pg),
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } pg when pg.MessageText.Contains("statement timeout", StringComparison.Ordinal) =>
            new StatementTimeoutException("statement_timeout",
                $"The statement ran longer than the server's statement_timeout on {target.MaskedUrl} and was cancelled (57014). " +
                "Make it faster (an index, a smaller batch) or raise statement_timeout for its role or session (SET statement_timeout = '60s').", pg),
        PostgresException pg => TranslateServerRefusal(pg, target),
        NpgsqlException npgsql => TranslateClientFailure(npgsql, target),
        TimeoutException timeout => Connection(ConnectionFailure.Timeout, target,
            $"timed out connecting to {target.Endpoint}.", "Check that the host and port are right and that a firewall lets the connection through.", timeout),
        _ => null,
    };

    private static AksaraConnectionException? TranslateServerRefusal(PostgresException pg, ConnectionTarget target) => pg.SqlState switch
    {
        PostgresErrorCodes.InvalidPassword => Connection(ConnectionFailure.AuthenticationFailed, target,
            $"password authentication failed for user \"{target.Username}\".",
            "Check the user and password in DATABASE_URL (`aksara config` shows what is in effect), percent-encoding special characters such as @ : / as %40 %3A %2F.", pg),
        PostgresErrorCodes.InvalidAuthorizationSpecification when MentionsEncryption(pg) => Connection(ConnectionFailure.SslRequired, target,
            "the server requires an encrypted (SSL) connection.",
            "Add ?sslmode=require to DATABASE_URL.", pg),
        PostgresErrorCodes.InvalidAuthorizationSpecification => Connection(ConnectionFailure.AuthenticationFailed, target,
            $"the server rejected user \"{target.Username}\": {pg.MessageText}",
            "Check the user in DATABASE_URL and the server's pg_hba.conf.", pg),
        PostgresErrorCodes.InvalidCatalogName => Connection(ConnectionFailure.DatabaseMissing, target,
            $"database \"{target.Database}\" does not exist.",
            "Create it with `aksara dbsetup`, or fix the database name in DATABASE_URL.", pg),
        PostgresErrorCodes.TooManyConnections => Connection(ConnectionFailure.TooManyConnections, target,
            "the server has no connection slots left (too many connections).",
            "Lower PoolMaxSize (AKSARA_POOL_MAX_SIZE) across your instances, or raise max_connections on the server.", pg),
        PostgresErrorCodes.CannotConnectNow => Connection(ConnectionFailure.Refused, target,
            "the server is starting up or shutting down.", "Retry in a moment.", pg),
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown => Lost(target, $"the server ended it ({pg.SqlState}: {pg.MessageText})", pg),
        _ when pg.SqlState.StartsWith("08", StringComparison.Ordinal) => Lost(target, $"{pg.SqlState}: {pg.MessageText}", pg),
        _ => null,
    };

    private static Exception? TranslateClientFailure(NpgsqlException npgsql, ConnectionTarget target)
    {
        // Npgsql wraps what the server said while connecting (57P03 during a restart, for instance).
        if (FindInner<PostgresException>(npgsql) is { } server && Translate(server, target) is { } translated)
            return translated;

        // A command timeout: the connection was open and the answer did not come (Npgsql has cancelled the statement).
        if (npgsql.InnerException is TimeoutException && npgsql.Message.StartsWith("Exception while reading from stream", StringComparison.Ordinal))
        {
            return new StatementTimeoutException(nameof(AksaraOptions.CommandTimeoutSeconds),
                $"The statement got no answer from {target.MaskedUrl} within the command timeout of {target.CommandTimeoutSeconds} s and was cancelled. " +
                "Make it faster or raise CommandTimeoutSeconds (AKSARA_COMMAND_TIMEOUT; 0 waits without limit).", npgsql);
        }

        if (npgsql.Message.Contains("pool has been exhausted", StringComparison.OrdinalIgnoreCase))
        {
            return Connection(ConnectionFailure.PoolExhausted, target,
                $"the connection pool is exhausted: all {target.PoolMaxSize} connections (PoolMaxSize) stayed busy for {target.ConnectionTimeoutSeconds} s.",
                "Raise PoolMaxSize (AKSARA_POOL_MAX_SIZE), make queries and transactions shorter, or raise ConnectionTimeoutSeconds.", npgsql);
        }

        // Npgsql's words when every host of a multi-host URL is down or of the wrong kind (a failover under way).
        if (npgsql.Message.StartsWith("No suitable host was found", StringComparison.Ordinal))
        {
            return new AksaraConnectionException(ConnectionFailure.ConnectionLost,
                $"Could not connect to {target.MaskedUrl}: no host in the URL answered as target_session_attrs asks (a failover may be under way). Retry in a moment; if it persists, check each host with `pg_isready`.", npgsql);
        }

        return FindInner<SocketException>(npgsql)?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => Connection(ConnectionFailure.Refused, target,
                $"connection refused by {target.Endpoint}.",
                $"Is the server running and accepting TCP connections on that port? Check with `pg_isready {target.PgIsReadyArguments}`.", npgsql),
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => Connection(ConnectionFailure.HostNotFound, target,
                $"host \"{target.Host}\" could not be resolved.", "Check the host name in DATABASE_URL.", npgsql),
            SocketError.AddressNotAvailable or SocketError.NetworkUnreachable or SocketError.HostUnreachable => Connection(ConnectionFailure.Refused, target,
                $"{target.Endpoint} is unreachable.", "Check the host in DATABASE_URL and the network between here and the server.", npgsql),
            _ when FindInner<TimeoutException>(npgsql) is not null => Connection(ConnectionFailure.Timeout, target,
                $"timed out connecting to {target.Endpoint} after {target.ConnectionTimeoutSeconds} s.",
                "Check that the host and port are right and reachable, or raise connect_timeout.", npgsql),
            _ when npgsql.Message.Contains("SSL", StringComparison.Ordinal) => Connection(ConnectionFailure.SslRequired, target,
                "the SSL negotiation with the server failed.", "Check sslmode in DATABASE_URL (e.g. ?sslmode=require or ?sslmode=disable).", npgsql),
            // Any other socket error (a reset, an abort), or a stream that failed or ended, on a connection that was open.
            _ when FindInner<SocketException>(npgsql) is not null || FindInner<IOException>(npgsql) is not null
                || FindInner<EndOfStreamException>(npgsql) is not null => Lost(target, "the socket closed", npgsql),
            _ => null,
        };
    }

    private static AksaraConnectionException Lost(ConnectionTarget target, string how, Exception inner) =>
        new(ConnectionFailure.ConnectionLost,
            $"The connection to {target.MaskedUrl} was lost: {how}. The server shut down, restarted or failed over; a write in flight may or may not have committed. Retry in a moment (writes that may repeat should be idempotent: a client-chosen id and an upsert).",
            inner);

    private static bool MentionsEncryption(PostgresException pg) =>
        pg.MessageText.Contains("no encryption", StringComparison.OrdinalIgnoreCase)
        || pg.MessageText.Contains("SSL off", StringComparison.OrdinalIgnoreCase);

    private static AksaraConnectionException Connection(ConnectionFailure failure, ConnectionTarget target, string what, string hint, Exception inner) =>
        new(failure, $"Could not connect to {target.MaskedUrl}: {what} {hint}", inner);

    private static T? FindInner<T>(Exception exception) where T : Exception
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T match)
                return match;
        }
        return null;
    }
}
