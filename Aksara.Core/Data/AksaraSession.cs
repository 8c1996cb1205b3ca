using System.Data;
using Aksara.Data;
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
/// advisory locks) lasts until the session is disposed, or its connection breaks: then every later call fails.
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
        var connection = OpenConnection();
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        return _transaction = new AksaraTransaction(Database, connection, transaction, ownsConnection: false);
    }

    internal override async ValueTask<ConnectionLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_transaction is { IsActive: true } active)
            return await active.AcquireAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionLease(OpenConnection(), transaction: null, ownsConnection: false);
    }

    /// <summary>
    /// The held connection. One that broke (a restarted server, a network failure) is not silently replaced: the
    /// session state it carried (<c>SET</c>, temporary tables, advisory locks, <c>LISTEN</c>) is gone, and code that
    /// relies on it must find out.
    /// </summary>
    private NpgsqlConnection OpenConnection()
    {
        var connection = Connection;
        if (connection.State != ConnectionState.Open)
        {
            throw new InvalidOperationException(
                "This session's connection broke, and the session state it held (SET, temporary tables, advisory locks, LISTEN) went with it. " +
                "Dispose the session and open a new one with Database.OpenSessionAsync.");
        }
        return connection;
    }

    /// <summary>Returns the connection to the pool; an open transaction is rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not { } connection)
            return;
        _connection = null;
        try
        {
            if (_transaction is { IsActive: true } active)
                await active.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ObjectDisposedException Disposed() =>
        new(nameof(AksaraSession), "This session was disposed and its connection returned to the pool; open a new one with Database.OpenSessionAsync.");
}
