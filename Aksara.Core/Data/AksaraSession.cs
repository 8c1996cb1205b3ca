using System.Data;
using Npgsql;

namespace Aksara;

/// <summary>
/// One pooled connection held for a unit of work (a request, a job) that runs several statements, with the same
/// query API as <see cref="Database"/>. The pool hands the connection out, and resets its session state when it comes
/// back, once for the whole unit instead of once per call. Disposing the session returns the connection.
/// </summary>
/// <remarks>
/// Like a connection, a session runs one statement at a time: await each call before starting the next. Transactions
/// begun on it (<see cref="BeginTransactionAsync"/>, <see cref="DatabaseSession.TransactionAsync"/>) use its connection,
/// and calls on the session while one is open run in it. Session state set with raw SQL (<c>SET</c>, temporary tables,
/// advisory locks) lasts until the session is disposed.
/// </remarks>
public sealed class AksaraSession : DatabaseSession, IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private AksaraTransaction? _transaction;

    internal AksaraSession(Database database, NpgsqlConnection connection)
    {
        Database = database;
        _connection = connection;
    }

    /// <summary>The database this session belongs to.</summary>
    public Database Database { get; }

    internal override Database Owner => Database;

    /// <summary>The session's connection, for direct Npgsql use (COPY, notifications); do not dispose it.</summary>
    public NpgsqlConnection Connection => _connection ?? throw Disposed();

    public override async Task<AksaraTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        if (_transaction is { IsActive: true } active)
            return await active.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = await UsableConnectionAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        return _transaction = new AksaraTransaction(Database, connection, transaction, ownsConnection: false);
    }

    internal override async ValueTask<ConnectionLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_transaction is { IsActive: true } active)
            return await active.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var connection = await UsableConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionLease(connection, transaction: null, ownsConnection: false);
    }

    /// <summary>
    /// The held connection, or a fresh one when it broke (a restarted server, a network failure): outside a
    /// transaction nothing is lost by reconnecting, and the session stays usable instead of failing every later call.
    /// </summary>
    private async ValueTask<NpgsqlConnection> UsableConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = Connection;
        if (connection.State == ConnectionState.Open)
            return connection;
        _connection = null;
        await connection.DisposeAsync().ConfigureAwait(false);
        return _connection = await Database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the connection to the pool; an open transaction is rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_transaction is { IsActive: true } active)
            await active.DisposeAsync().ConfigureAwait(false);
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ObjectDisposedException Disposed() =>
        new(nameof(AksaraSession), "This session was disposed and its connection returned to the pool; open a new one with Database.OpenSessionAsync.");
}
