using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Aksara.Data;
using Aksara.Diagnostics;
using Aksara.Errors;
using Npgsql;

namespace Aksara;

// The one way a query method runs: RunAsync takes a connection (the ambient transaction's, the session's or the
// pool's), hands it to the work, and turns Npgsql's exceptions into Aksara's. Commands are made by the lease, rows
// read by RowParsers. The work is a static lambda given its state, so a call allocates no closure, and the steps it
// awaits are pooled ValueTasks, so layering them adds no allocation per call to the one Task a public method returns.
public abstract partial class DatabaseSession
{
    /// <param name="operation">The model operation this is, for its span; null for raw SQL, which Npgsql's span shows.</param>
    private protected async Task<TResult> RunAsync<TState, TResult>(
        TState state, Func<ConnectionLease, TState, CancellationToken, ValueTask<TResult>> work, CancellationToken cancellationToken,
        DatabaseOperation? operation = null)
    {
        if (operation is { IsWrite: true } && IsReadOnly)
            throw new ReadOnlyDatabaseException($"{operation.Name} on {operation.Table} is a write, and this is db.Replica, where only reads may go. Write through the Database itself.");
        using var activity = operation is null ? null : Telemetry.Start(operation, Owner.Target);
        try
        {
            await using var lease = await AcquireAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(lease, state, cancellationToken).ConfigureAwait(false);
            Owner.Outages.Succeeded();
            return result;
        }
        catch (Exception ex)
        {
            var translated = Translate(ex);
            Telemetry.Failed(activity, ex, translated ?? ex, Owner.Target);
            if (translated is AksaraConnectionException lost)
                Owner.Outages.Failed(lost);
            // A primary demoted by a failover answers every write with 25006: its pooled connections are dropped so that
            // new ones find the new primary (target_session_attrs=read-write) instead of failing request after request.
            if (translated is ReadOnlyDatabaseException && !IsReadOnly)
                Owner.DataSource.Clear();
            if (translated is null)
                throw;
            throw translated;
        }
    }

    /// <summary>Only reads may go here (<see cref="Database.Replica"/>, and sessions and transactions opened on it).</summary>
    private protected virtual bool IsReadOnly => Owner.Options.ReadOnly;

    /// <summary>Every row of <paramref name="command"/>'s result, each read as <typeparamref name="T"/>; disposes the command.</summary>
    private static ValueTask<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken) =>
        ReadAllAsync<T>(command, expectedRows: 0, cancellationToken);

    /// <inheritdoc cref="ReadAllAsync{T}(NpgsqlCommand, CancellationToken)"/>
    /// <param name="expectedRows">How many rows to make room for at once (a typed query's LIMIT); 0 when unknown.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, int expectedRows, CancellationToken cancellationToken)
    {
        await using var _ = command;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAllAsync<T>(reader, expectedRows, cancellationToken).ConfigureAwait(false);
    }

    private static ValueTask<IReadOnlyList<T>> ReadAllAsync<T>(DbDataReader reader, CancellationToken cancellationToken) =>
        ReadAllAsync<T>(reader, expectedRows: 0, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<IReadOnlyList<T>> ReadAllAsync<T>(DbDataReader reader, int expectedRows, CancellationToken cancellationToken)
    {
        var rows = new List<T>(expectedRows);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return rows;
        // Dapper caches the parser per type and column set; fetching it once per result keeps that lookup off the per-row path.
        var parse = RowParsers.For<T>(reader);
        do
            rows.Add(parse(reader));
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false));
        return rows;
    }

    /// <summary>The first row as <typeparamref name="T"/>, or <c>default</c> when there is none; disposes the command.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<T?> ReadFirstRowAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var _ = command;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return default;
        return RowParsers.For<T>(reader)(reader);
    }

    /// <summary>The first column of the first row as <typeparamref name="T"/>; <c>default</c> for no row or NULL. Disposes the command.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<T?> ReadFirstValueAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var _ = command;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false))
            return default;
        // The same conversions as a row (enums by name, jsonb, arrays), not just Npgsql's own.
        return RowParsers.For<T>(reader)(reader);
    }

    /// <summary>The number of rows <paramref name="command"/> affected; disposes the command.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<int> ExecuteNonQueryAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var _ = command;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected Exception? Translate(Exception exception) => DatabaseErrors.Translate(exception, Owner.Target);
}
