using Aksara.Data;
using Npgsql;

namespace Aksara;

/// <summary>
/// A transaction on one connection, with the same query API as <see cref="Database"/>. Disposing it without
/// <see cref="CommitAsync"/> rolls it back. Nested transactions (<see cref="BeginTransactionAsync"/> on a transaction)
/// are savepoints: rolling one back undoes only its own work.
/// </summary>
public sealed class AksaraTransaction : DatabaseSession, IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string? _savepoint;
    private readonly AksaraTransaction? _outer;
    private readonly bool _ownsConnection;
    private readonly int _depth;
    private int _savepointCounter;
    private State _state = State.Active;

    internal AksaraTransaction(Database database, NpgsqlConnection connection, NpgsqlTransaction transaction, bool ownsConnection)
    {
        Database = database;
        _connection = connection;
        _transaction = transaction;
        _ownsConnection = ownsConnection;
    }

    private AksaraTransaction(AksaraTransaction outer, string savepoint)
        : this(outer.Database, outer._connection, outer._transaction, ownsConnection: false)
    {
        _outer = outer;
        _savepoint = savepoint;
        _depth = outer._depth + 1;
    }

    private enum State { Active, Committed, RolledBack }

    /// <summary>The database this transaction runs on.</summary>
    public Database Database { get; }

    internal override Database Owner => Database;

    /// <summary>True for a savepoint inside an outer transaction.</summary>
    public bool IsNested => _savepoint is not null;

    /// <summary>
    /// Neither committed nor rolled back, and neither is any outer transaction: once the outer one ends, its savepoints
    /// end with it, even though a session's connection stays open for the next transaction.
    /// </summary>
    internal bool IsActive => _state == State.Active && (_outer?.IsActive ?? true);

    public override async Task<AksaraTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        EnsureActive();
        var name = $"aksara_sp_{_depth + 1}_{++_savepointCounter}";
        await _transaction.SaveAsync(name, cancellationToken).ConfigureAwait(false);
        return new AksaraTransaction(this, name);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureActive();
        try
        {
            if (_savepoint is null)
                await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            else
                await _transaction.ReleaseAsync(_savepoint, cancellationToken).ConfigureAwait(false);
            _state = State.Committed;
            await ReleaseConnectionAsync().ConfigureAwait(false);
        }
        catch (PostgresException ex) when (_savepoint is null)
        {
            // A COMMIT the server refused (a deferred constraint, a serialization failure) has ended the transaction.
            _state = State.RolledBack;
            await ReleaseConnectionAsync().ConfigureAwait(false);
            throw Translate(ex) ?? ex;
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        EnsureActive();
        _state = State.RolledBack;
        try
        {
            if (_savepoint is null)
                await _transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            else
                await _transaction.RollbackAsync(_savepoint, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A finished outer transaction gives its connection back to the pool at once, not when it is disposed; one begun
    /// on an <see cref="AksaraSession"/> leaves the connection to the session.
    /// </summary>
    private async ValueTask ReleaseConnectionAsync()
    {
        if (_savepoint is not null)
            return;
        await _transaction.DisposeAsync().ConfigureAwait(false);
        if (_ownsConnection)
            await _connection.DisposeAsync().ConfigureAwait(false);
    }

    internal override ValueTask<ConnectionLease> AcquireAsync(CancellationToken cancellationToken)
    {
        EnsureActive();
        return ValueTask.FromResult(new ConnectionLease(_connection, _transaction, ownsConnection: false));
    }

    public async ValueTask DisposeAsync()
    {
        if (_state != State.Active)
            return;
        if (!IsActive)
        {
            // The outer transaction ended, and this savepoint with it: there is nothing left to roll back.
            _state = State.RolledBack;
            return;
        }
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            try
            {
                await RollbackAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException) when (_savepoint is not null)
            {
                // The outer transaction is already broken or gone; its own rollback cleans up.
            }
        }
        if (_state == State.Active)
        {
            // The connection broke mid-transaction; the server has rolled it back already.
            _state = State.RolledBack;
            await ReleaseConnectionAsync().ConfigureAwait(false);
        }
    }

    private void EnsureActive()
    {
        if (_state != State.Active)
            throw new InvalidOperationException($"This transaction was already {(_state == State.Committed ? "committed" : "rolled back")}; start a new one.");
        if (!IsActive)
            throw new InvalidOperationException("The outer transaction of this savepoint has ended, and the savepoint with it; start a new transaction.");
    }
}
