using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Aksara.Data;
using Dapper;
using Npgsql;

namespace Aksara;

/// <summary>
/// Where SQL runs: the pooled <see cref="Database"/> (a connection per call), an <see cref="AksaraSession"/> (one
/// connection held for a unit of work) or an <see cref="AksaraTransaction"/> (its own connection). Raw queries take PostgreSQL's positional parameters <c>$1, $2, …</c>, sent as typed
/// parameters with the SQL left exactly as written; rows are materialized by Dapper, <c>snake_case</c> columns
/// filling <c>PascalCase</c> properties.
/// </summary>
public abstract partial class DatabaseSession
{
    private protected DatabaseSession() { }

    /// <summary>The database this session belongs to.</summary>
    internal abstract Database Owner { get; }

    internal abstract ValueTask<ConnectionLease> AcquireAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction; on a transaction, a nested one backed by a savepoint.</summary>
    public abstract Task<AksaraTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction committed when it returns and rolled back when it throws.
    /// Inside it, calls on the <see cref="Database"/> itself join the transaction, and nested calls use savepoints:
    /// a failing inner block rolls back only its own work.
    /// </summary>
    public Task TransactionAsync(Func<AksaraTransaction, Task> work, CancellationToken cancellationToken = default) =>
        TransactionAsync(async tx => { await work(tx).ConfigureAwait(false); return true; }, cancellationToken);

    /// <inheritdoc cref="TransactionAsync(Func{AksaraTransaction, Task}, CancellationToken)"/>
    public async Task<T> TransactionAsync<T>(Func<AksaraTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var transaction = await BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Owner.AmbientTransaction = transaction;
        var result = await work(transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>All rows, each materialized as <typeparamref name="T"/> (a class, a record, or a scalar for one-column results).</summary>
    public Task<IReadOnlyList<T>> FetchAsync<T>(string sql, params object?[] args) => FetchAsync<T>(sql, CancellationToken.None, args);

    /// <inheritdoc cref="FetchAsync{T}(string, object?[])"/>
    public Task<IReadOnlyList<T>> FetchAsync<T>(string sql, CancellationToken cancellationToken, params object?[] args) =>
        RunAsync((sql, args), static (lease, raw, cancellationToken) => ReadAllAsync<T>(RawCommand(lease, raw), cancellationToken), cancellationToken);

    /// <summary>All rows as dynamic records that are also <c>IReadOnlyDictionary&lt;string, object&gt;</c> keyed by column name.</summary>
    public Task<IReadOnlyList<dynamic>> FetchAsync(string sql, params object?[] args) => FetchAsync<dynamic>(sql, CancellationToken.None, args);

    /// <inheritdoc cref="FetchAsync(string, object?[])"/>
    public Task<IReadOnlyList<dynamic>> FetchAsync(string sql, CancellationToken cancellationToken, params object?[] args) =>
        FetchAsync<dynamic>(sql, cancellationToken, args);

    /// <summary>The first row as <typeparamref name="T"/>, or <c>default</c> when there is none.</summary>
    public Task<T?> FetchRowAsync<T>(string sql, params object?[] args) => FetchRowAsync<T>(sql, CancellationToken.None, args);

    /// <inheritdoc cref="FetchRowAsync{T}(string, object?[])"/>
    public Task<T?> FetchRowAsync<T>(string sql, CancellationToken cancellationToken, params object?[] args) =>
        RunAsync((sql, args), static (lease, raw, cancellationToken) => ReadFirstRowAsync<T>(RawCommand(lease, raw), cancellationToken), cancellationToken);

    /// <summary>The first column of the first row, read as <typeparamref name="T"/>; <c>default</c> for no row or NULL.</summary>
    public Task<T?> FetchValAsync<T>(string sql, params object?[] args) => FetchValAsync<T>(sql, CancellationToken.None, args);

    /// <inheritdoc cref="FetchValAsync{T}(string, object?[])"/>
    public Task<T?> FetchValAsync<T>(string sql, CancellationToken cancellationToken, params object?[] args) =>
        RunAsync((sql, args), static (lease, raw, cancellationToken) => ReadFirstValueAsync<T>(RawCommand(lease, raw), cancellationToken), cancellationToken);

    /// <summary>Runs a statement and returns the number of rows it affected.</summary>
    public Task<int> ExecuteAsync(string sql, params object?[] args) => ExecuteAsync(sql, CancellationToken.None, args);

    /// <inheritdoc cref="ExecuteAsync(string, object?[])"/>
    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] args) =>
        RunAsync((sql, args), static (lease, raw, cancellationToken) => ExecuteNonQueryAsync(RawCommand(lease, raw), cancellationToken), cancellationToken);

    /// <summary>
    /// Runs a statement with Dapper-style named parameters (<c>@Email</c> filled from <paramref name="param"/>'s
    /// properties, or from a dictionary's entries); given a sequence of such objects, runs it once for each, on one
    /// connection, and returns the total. When the SQL uses <c>$1</c>, <paramref name="param"/> is instead sent as that
    /// single positional parameter.
    /// </summary>
    public Task<int> ExecuteAsync(string sql, object? param, CancellationToken cancellationToken = default)
    {
        if (UsesPositionalParameters(sql))
            return ExecuteAsync(sql, cancellationToken, param);
        return RunAsync((sql, param), static (lease, named, cancellationToken) => NamedParameters.NeedDapper(named.param)
            ? new ValueTask<int>(lease.Connection.ExecuteAsync(DapperDefinition(named.sql, named.param, lease, cancellationToken)))
            : NamedParameters.IsSequence(named.param)
                ? ExecuteForEachAsync(lease, named.sql, (IEnumerable)named.param!, cancellationToken)
                : ExecuteNonQueryAsync(NamedCommand(lease, named.sql, named.param), cancellationToken), cancellationToken);
    }

    /// <summary>All rows of a query with Dapper-style named parameters (<c>@Email</c> filled from <paramref name="param"/>'s properties, or a dictionary's entries).</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken cancellationToken = default)
    {
        if (NamedParameters.IsSequence(param))
            throw new ArgumentException("QueryAsync takes one parameter object (or dictionary), not a sequence of them; to run a statement once per object, use ExecuteAsync.", nameof(param));
        return RunAsync((sql, param), static (lease, named, cancellationToken) => NamedParameters.NeedDapper(named.param)
            ? QueryDapperParametersAsync<T>(lease, named.sql, named.param, cancellationToken)
            : ReadAllAsync<T>(NamedCommand(lease, named.sql, named.param), cancellationToken), cancellationToken);
    }

    private static NpgsqlCommand RawCommand(in ConnectionLease lease, (string Sql, object?[] Args) raw)
    {
        var command = lease.CreateCommand(raw.Sql);
        PositionalParameters.AddTo(command, raw.Args);
        return command;
    }

    private static NpgsqlCommand NamedCommand(in ConnectionLease lease, string sql, object? param)
    {
        var command = lease.CreateCommand(sql);
        NamedParameters.AddTo(command, param);
        return command;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<int> ExecuteForEachAsync(ConnectionLease lease, string sql, IEnumerable parameterObjects, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var param in parameterObjects)
            total += await ExecuteNonQueryAsync(NamedCommand(lease, sql, param), cancellationToken).ConfigureAwait(false);
        return total;
    }

    /// <summary>Dapper's own <c>DynamicParameters</c> are added by Dapper (directions, sizes, templates); the rows are still read like FetchAsync's.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<IReadOnlyList<T>> QueryDapperParametersAsync<T>(ConnectionLease lease, string sql, object? param, CancellationToken cancellationToken)
    {
        await using var reader = await lease.Connection.ExecuteReaderAsync(DapperDefinition(sql, param, lease, cancellationToken)).ConfigureAwait(false);
        return await ReadAllAsync<T>(reader, cancellationToken).ConfigureAwait(false);
    }

    private static CommandDefinition DapperDefinition(string sql, object? param, in ConnectionLease lease, CancellationToken cancellationToken) =>
        new(sql, param, lease.Transaction, cancellationToken: cancellationToken);

    private static bool UsesPositionalParameters(string sql) => PositionalMarker().IsMatch(sql);

    [GeneratedRegex(@"\$1(?![0-9])")]
    private static partial Regex PositionalMarker();
}
