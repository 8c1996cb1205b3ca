using System.Runtime.CompilerServices;
using Aksara.Data;
using Aksara.Diagnostics;
using Aksara.Models;
using Aksara.Models.Binding;
using Aksara.Querying;
using Npgsql;

namespace Aksara;

// CRUD on models and the execution of typed queries. Statements come from EntityStatements<T> (generated once per
// model), parameters from the columns' converters (exact PostgreSQL types), rows from Dapper's parser like the raw API.
public abstract partial class DatabaseSession
{
    /// <summary>A typed query on <typeparamref name="T"/>'s table: <c>db.Table&lt;Post&gt;().Where(p => …).ToListAsync()</c>.</summary>
    public TableQuery<T> Table<T>() where T : class => new(this);

    /// <summary>
    /// Inserts <paramref name="entity"/> and fills it with the row as stored (database defaults such as <c>id</c> and
    /// <c>created_at</c>, numeric rounding), then returns it. A column with a database default is left out while its
    /// property holds no value (null, <see cref="Guid.Empty"/>, <c>default(DateTimeOffset)</c>), so the default applies.
    /// </summary>
    public async Task<T> InsertAsync<T>(T entity, CancellationToken cancellationToken = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        var statements = EntityStatements<T>.Instance;
        var insert = statements.Insert(statements.Map.UnsetGeneratedMask(entity));
        await ExecuteReadingBackAsync(insert, entity, statements.Map, statements.Operations.Insert, cancellationToken).ConfigureAwait(false);
        return entity;
    }

    /// <summary>
    /// Inserts <paramref name="entity"/>, or, when a row with the same <paramref name="conflictColumns"/> exists (the
    /// primary key when none are given; property or column names), updates that row with the entity's values
    /// (<c>INSERT … ON CONFLICT … DO UPDATE</c>). The key, <c>created_at</c> and columns left to their defaults are kept;
    /// a model's <c>updated_at</c> is set to <c>now()</c>. The entity is filled with the row as stored and returned.
    /// </summary>
    public Task<T> UpsertAsync<T>(T entity, params string[] conflictColumns) where T : class =>
        UpsertAsync(entity, CancellationToken.None, conflictColumns);

    /// <inheritdoc cref="UpsertAsync{T}(T, string[])"/>
    public async Task<T> UpsertAsync<T>(T entity, CancellationToken cancellationToken, params string[] conflictColumns) where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        var statements = EntityStatements<T>.Instance;
        var map = statements.Map;
        var upsert = statements.Upsert(map.UnsetGeneratedMask(entity), conflictColumns);
        await ExecuteReadingBackAsync(upsert, entity, map, statements.Operations.Upsert, cancellationToken).ConfigureAwait(false);
        return entity;
    }

    /// <summary>The row of <typeparamref name="T"/> whose primary key is <paramref name="id"/> (a tuple for a composite key), or null.</summary>
    public Task<T?> GetAsync<T>(object id, CancellationToken cancellationToken = default) where T : class
    {
        EntityStatements<T> statements;
        NpgsqlParameter[] parameters;
        try
        {
            statements = EntityStatements<T>.Instance;
            parameters = KeyParameters(statements.Map, id);
        }
        catch (Exception ex)
        {
            // As from an async method: an invalid model or key faults the task rather than throwing from the call.
            return Task.FromException<T?>(ex);
        }
        return RunAsync((sql: statements.SelectByKey, parameters), static (lease, query, cancellationToken) =>
            ReadFirstRowAsync<T>(lease.CreateCommand(query.sql, query.parameters), cancellationToken), cancellationToken, statements.Operations.Get);
    }

    /// <summary>
    /// Saves every column of <paramref name="entity"/> to the row with its primary key; false when there is no such row.
    /// For a <see cref="Model"/>, <c>created_at</c> is kept and <c>updated_at</c> set to <c>now()</c> (and refreshed on the entity).
    /// </summary>
    public async Task<bool> UpdateAsync<T>(T entity, CancellationToken cancellationToken = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        var statements = EntityStatements<T>.Instance;
        var map = statements.Map;
        // Parameters first: a value PostgreSQL cannot store fails here, before a connection is taken.
        var parameters = Parameters(statements.Update, entity);
        return await RunAsync((statements, entity, parameters), static (lease, update, cancellationToken) =>
            UpdateRowAsync(lease, update.statements, update.entity, update.parameters, cancellationToken), cancellationToken, statements.Operations.Update).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> UpdateRowAsync<T>(
        ConnectionLease lease, EntityStatements<T> statements, T entity, NpgsqlParameter[] parameters, CancellationToken cancellationToken) where T : class
    {
        await using var command = lease.CreateCommand(statements.Update.Sql, parameters);
        if (statements.Map.UpdatedAt is null)
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return false;
        ((Model)(object)entity).UpdatedAt = reader.GetFieldValue<DateTimeOffset>(0);
        return true;
    }

    /// <summary>
    /// Saves every column of each of <paramref name="entities"/> to the row with its primary key, as
    /// <see cref="UpdateAsync{T}(T, CancellationToken)"/> does, in one round trip, and returns the number of rows updated
    /// (an entity whose key has no row counts 0). All or nothing: if one row fails, none is changed.
    /// </summary>
    /// <remarks>
    /// Rows are updated, and locked, in the order given. When concurrent requests may update the same rows, sort the
    /// entities by key first so that they all lock in the same order and cannot deadlock.
    /// </remarks>
    public async Task<int> UpdateManyAsync<T>(IEnumerable<T> entities, CancellationToken cancellationToken = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(entities);
        var statements = EntityStatements<T>.Instance;
        var update = statements.Update;
        // Parameters first: a value PostgreSQL cannot store fails here, before a connection is taken.
        var updating = new List<T>();
        using var batch = new NpgsqlBatch();
        foreach (var entity in entities)
        {
            if (entity is null)
                throw new ArgumentException($"The entity at index {updating.Count} is null.", nameof(entities));
            var command = new NpgsqlBatchCommand(update.Sql);
            foreach (var parameter in Parameters(update, entity))
                command.Parameters.Add(parameter);
            batch.BatchCommands.Add(command);
            updating.Add(entity);
        }
        if (updating.Count == 0)
            return 0;
        return await RunAsync((statements, batch, updating), static (lease, many, cancellationToken) =>
        {
            // One Sync for the whole batch: PostgreSQL runs it as one implicit transaction (or within the caller's).
            many.batch.Connection = lease.Connection;
            many.batch.Transaction = lease.Transaction;
            return new ValueTask<int>(many.statements.Map.UpdatedAt is null
                ? many.batch.ExecuteNonQueryAsync(cancellationToken)
                : RefreshUpdatedAtAsync(many.batch, many.updating, cancellationToken));
        }, cancellationToken, statements.Operations.UpdateMany).ConfigureAwait(false);
    }

    /// <summary>Deletes the row of <typeparamref name="T"/> whose primary key is <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync<T>(object id, CancellationToken cancellationToken = default) where T : class
    {
        var statements = EntityStatements<T>.Instance;
        return await ExecuteStatementAsync(statements.DeleteByKey, KeyParameters(statements.Map, id), statements.Operations.Delete, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Inserts <paramref name="entities"/> with PostgreSQL's binary COPY, streaming them as the sequence is enumerated
    /// (it is never held in memory), and returns the number of rows. All or nothing: a failure (a constraint, a value
    /// that cannot be stored, an exception from the sequence) cancels the COPY and leaves the table as it was.
    /// </summary>
    /// <remarks>
    /// COPY cannot leave a column to its default row by row. Defaults a client can reproduce are filled on the entities
    /// themselves: a version 7 <see cref="Guid"/> for <c>gen_random_uuid()</c>, the batch's start time for <c>now()</c>
    /// (so a <see cref="Model"/> gets its <c>Id</c>, <c>CreatedAt</c> and <c>UpdatedAt</c>). Other defaulted columns
    /// are left to the database when the first row leaves them unset, and then must be unset on every row.
    /// </remarks>
    public async Task<long> InsertManyAsync<T>(IEnumerable<T> entities, CancellationToken cancellationToken = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(entities);
        var statements = EntityStatements<T>.Instance;
        using var rows = entities.GetEnumerator();
        if (!rows.MoveNext())
            return 0;
        return await RunAsync((statements, rows), static (lease, copy, cancellationToken) =>
            new ValueTask<long>(BulkCopy.WriteAsync(lease, copy.statements, copy.rows, cancellationToken)), cancellationToken, statements.Operations.Copy).ConfigureAwait(false);
    }

    /// <summary>The rows of a typed query's statement; <paramref name="expectedRows"/> (its LIMIT, or 0) sizes the list.</summary>
    internal Task<IReadOnlyList<T>> QueryRowsAsync<T>(Statement statement, int expectedRows, DatabaseOperation operation, CancellationToken cancellationToken) =>
        QueryRowsAsync<T>(statement.Sql, Parameters(statement), expectedRows, operation, cancellationToken);

    /// <inheritdoc cref="QueryRowsAsync{T}(Statement, int, DatabaseOperation, CancellationToken)"/>
    internal Task<IReadOnlyList<T>> QueryRowsAsync<T>(string sql, NpgsqlParameter[] parameters, int expectedRows, DatabaseOperation operation, CancellationToken cancellationToken) =>
        RunAsync((sql, parameters, expectedRows), static (lease, query, cancellationToken) =>
            ReadAllAsync<T>(lease.CreateCommand(query.sql, query.parameters), query.expectedRows, cancellationToken), cancellationToken, operation);

    internal Task<TResult> QueryScalarAsync<TResult>(Statement statement, DatabaseOperation operation, CancellationToken cancellationToken) =>
        RunAsync((sql: statement.Sql, parameters: Parameters(statement)), static (lease, query, cancellationToken) =>
            ReadScalarAsync<TResult>(lease.CreateCommand(query.sql, query.parameters), cancellationToken), cancellationToken, operation);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<TResult> ReadScalarAsync<TResult>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var _ = command;
        return (TResult)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    internal Task<int> ExecuteStatementAsync(Statement statement, DatabaseOperation operation, CancellationToken cancellationToken) =>
        ExecuteStatementAsync(statement.Sql, Parameters(statement), operation, cancellationToken);

    private Task<int> ExecuteStatementAsync(string sql, NpgsqlParameter[] parameters, DatabaseOperation operation, CancellationToken cancellationToken) =>
        RunAsync((sql, parameters), static (lease, statement, cancellationToken) =>
            ExecuteNonQueryAsync(lease.CreateCommand(statement.sql, statement.parameters), cancellationToken), cancellationToken, operation);


    /// <summary>Runs an INSERT/UPSERT … RETURNING and copies the returned row into <paramref name="entity"/>.</summary>
    private Task<bool> ExecuteReadingBackAsync<T>(ColumnStatement<T> statement, T entity, EntityMap<T> map, DatabaseOperation operation, CancellationToken cancellationToken) where T : class
    {
        // Parameters first: a value PostgreSQL cannot store fails here, before a connection is taken.
        var parameters = Parameters(statement, entity);
        return RunAsync((statement, entity, map, parameters), static (lease, write, cancellationToken) =>
            ReadBackAsync(lease, write.statement, write.entity, write.map, write.parameters, cancellationToken), cancellationToken, operation);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> ReadBackAsync<T>(
        ConnectionLease lease, ColumnStatement<T> statement, T entity, EntityMap<T> map, NpgsqlParameter[] parameters, CancellationToken cancellationToken) where T : class
    {
        await using var command = lease.CreateCommand(statement.Sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"{statement.Sql} returned no row.");
        map.CopyColumns(entity, RowParsers.For<T>(reader)(reader));
        return true;
    }

    /// <summary>Runs a batch of model UPDATE … RETURNING updated_at, one result per entity, and sets each updated entity's <see cref="Model.UpdatedAt"/>.</summary>
    private static async Task<int> RefreshUpdatedAtAsync<T>(NpgsqlBatch batch, List<T> entities, CancellationToken cancellationToken) where T : class
    {
        var updatedAt = new DateTimeOffset?[entities.Count];
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var i = 0;
            do
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    updatedAt[i] = reader.GetFieldValue<DateTimeOffset>(0);
                i++;
            }
            // Read to the end, so that an error in any statement, or at the implicit commit, is thrown here.
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        // Only once the whole batch has succeeded: a rolled-back batch leaves the entities as they were.
        var updated = 0;
        for (var i = 0; i < entities.Count; i++)
        {
            if (updatedAt[i] is not { } value)
                continue;
            ((Model)(object)entities[i]).UpdatedAt = value;
            updated++;
        }
        return updated;
    }

    private static NpgsqlParameter[] Parameters<T>(ColumnStatement<T> statement, T entity) where T : class
    {
        var columns = statement.Columns;
        var parameters = new NpgsqlParameter[columns.Length];
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = columns[i].CreateParameter(entity);
        return parameters;
    }

    private static NpgsqlParameter[] Parameters(Statement statement)
    {
        if (statement.Parameters.Count == 0)
            return [];
        var parameters = new NpgsqlParameter[statement.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = statement.Parameters[i].Create();
        return parameters;
    }

    /// <summary><paramref name="id"/> as the parameters of the key columns, in order.</summary>
    private static NpgsqlParameter[] KeyParameters<T>(EntityMap<T> map, object id) where T : class
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = map.PrimaryKey;
        var tuple = id as ITuple;
        if (key.Length > 1 && tuple?.Length != key.Length)
        {
            throw new ArgumentException(
                $"{TypeNames.Display(typeof(T))} has a composite key ({string.Join(", ", key.Select(column => column.Column.Property.Name))}); pass its values as a tuple in that order.",
                nameof(id));
        }
        var parameters = new NpgsqlParameter[key.Length];
        for (var i = 0; i < key.Length; i++)
        {
            var value = key.Length == 1 ? id : tuple![i] ?? throw new ArgumentException($"Key part {key[i].Column.Name} is null.", nameof(id));
            parameters[i] = key[i].CreateValueParameter(value);
        }
        return parameters;
    }
}
