using System.Collections.Immutable;
using System.Linq.Expressions;
using Aksara.Data;
using Aksara.Models;
using Aksara.Querying;
using NpgsqlTypes;

namespace Aksara;

/// <summary>
/// A query on the table of model <typeparamref name="T"/>, built with <see cref="DatabaseSession.Table{T}"/>. It is
/// immutable: every method returns a new query, so a base query can be shared and refined. Conditions are translated
/// to SQL when added (see docs/queries.md for what is supported); values become parameters, evaluated at that moment.
/// A condition's translation is cached by the shape of its expression (<see cref="PredicateCache"/>), and the SELECT
/// assembled from cached conditions by the shape of the query (<see cref="EntityStatements{T}.CachedSelect"/>).
/// </summary>
/// <example>
/// <code>
/// var recent = await db.Table&lt;Post&gt;()
///     .Where(p => p.Status == PostStatus.Published &amp;&amp; p.Title.StartsWith(prefix))
///     .OrderByDescending(p => p.CreatedAt)
///     .Limit(20)
///     .ToListAsync();
/// </code>
/// </example>
public sealed class TableQuery<T> where T : class
{
    private readonly DatabaseSession _session;
    private readonly ImmutableArray<SqlFragment> _conditions;
    private readonly ImmutableArray<(ColumnMetadata Column, bool Descending)> _ordering;
    private readonly int? _limit;
    private readonly int? _offset;
    private Statement? _select;

    internal TableQuery(DatabaseSession session)
        : this(session, [], [], null, null)
    {
        _ = EntityStatements<T>.Instance; // an invalid model fails here, when the query is started
    }

    private TableQuery(
        DatabaseSession session,
        ImmutableArray<SqlFragment> conditions,
        ImmutableArray<(ColumnMetadata, bool)> ordering,
        int? limit,
        int? offset)
    {
        _session = session;
        _conditions = conditions;
        _ordering = ordering;
        _limit = limit;
        _offset = offset;
    }

    // Not a field: a query is made per call of Where, OrderBy, Limit…, and every field it does not carry is saved each time.
    private static EntityStatements<T> Statements => EntityStatements<T>.Instance;

    private static ModelMetadata Metadata => Statements.Map.Metadata;

    /// <summary>Keeps the rows for which <paramref name="predicate"/> holds; several calls combine with AND.</summary>
    /// <exception cref="NotSupportedException">The predicate uses something with no SQL translation; the message suggests raw SQL.</exception>
    public TableQuery<T> Where(Expression<Func<T, bool>> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return With(conditions: _conditions.Add(PredicateCache.Translate(Metadata, predicate)));
    }

    /// <summary>Orders by <paramref name="key"/>, ascending (NULLs last, as PostgreSQL does), replacing any previous ordering.</summary>
    public TableQuery<T> OrderBy<TKey>(Expression<Func<T, TKey>> key) => With(ordering: Statements.OrderedBy(Column(key), descending: false));

    /// <summary>Orders by <paramref name="key"/>, descending (NULLs first), replacing any previous ordering.</summary>
    public TableQuery<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> key) => With(ordering: Statements.OrderedBy(Column(key), descending: true));

    /// <summary>Adds <paramref name="key"/>, ascending, to the ordering.</summary>
    public TableQuery<T> ThenBy<TKey>(Expression<Func<T, TKey>> key) => With(ordering: Ordered().Add((Column(key), false)));

    /// <summary>Adds <paramref name="key"/>, descending, to the ordering.</summary>
    public TableQuery<T> ThenByDescending<TKey>(Expression<Func<T, TKey>> key) => With(ordering: Ordered().Add((Column(key), true)));

    /// <summary>At most <paramref name="count"/> rows.</summary>
    public TableQuery<T> Limit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(limit: count);
    }

    /// <summary>Skips the first <paramref name="count"/> rows (give the query an ordering, or the rows skipped are arbitrary).</summary>
    public TableQuery<T> Offset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(offset: count);
    }

    public Task<IReadOnlyList<T>> ToListAsync(CancellationToken cancellationToken = default)
    {
        // A query run once, the usual case, goes from its cached text straight to the command's parameters.
        if (_select is null && CachedSelectText() is { } sql)
            return _session.QueryRowsAsync<T>(sql, SelectParameters(static parameter => parameter.Create()), ExpectedRows(), Statements.Operations.Select, cancellationToken);
        return _session.QueryRowsAsync<T>(Select(), ExpectedRows(), Statements.Operations.Select, cancellationToken);
    }

    /// <summary>The first row, or null when there is none.</summary>
    public async Task<T?> FirstOrDefaultAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _session.QueryRowsAsync<T>(With(limit: Math.Min(_limit ?? 1, 1)).Select(), 1, Statements.Operations.Select, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The number of rows (after <see cref="Limit"/> and <see cref="Offset"/>, if set).</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var statement = new StatementBuilder();
        if (_limit is null && _offset is null)
        {
            statement.Append("SELECT count(*) FROM ").Append(Statements.Table);
            AppendWhere(statement);
        }
        else
        {
            statement.Append("SELECT count(*) FROM (");
            AppendSubquery(statement, "1");
            statement.Append(") AS q");
        }
        return _session.QueryScalarAsync<long>(statement.Build(), Statements.Operations.Count, cancellationToken);
    }

    /// <summary>True when at least one row matches.</summary>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        var statement = new StatementBuilder().Append("SELECT EXISTS (");
        AppendSubquery(statement, "1");
        statement.Append(")");
        return _session.QueryScalarAsync<bool>(statement.Build(), Statements.Operations.Exists, cancellationToken);
    }

    /// <summary>Deletes the matching rows (all rows, without <see cref="Where"/>) and returns how many were deleted.</summary>
    public Task<int> DeleteAsync(CancellationToken cancellationToken = default)
    {
        var statement = new StatementBuilder().Append("DELETE FROM ").Append(Statements.Table);
        if (_limit is null && _offset is null)
        {
            AppendWhere(statement);
        }
        else
        {
            // DELETE has no LIMIT: pick the rows by key in a subquery that has one.
            var key = string.Join(", ", Statements.Map.PrimaryKey.Select(column => column.QuotedName));
            statement.Append(" WHERE (").Append(key).Append(") IN (");
            AppendSubquery(statement, key);
            statement.Append(")");
        }
        return _session.ExecuteStatementAsync(statement.Build(), Statements.Operations.DeleteWhere, cancellationToken);
    }

    /// <summary>The SQL that <see cref="ToListAsync"/> runs, with <c>$n</c> placeholders for <see cref="Parameters"/>.</summary>
    public string ToSql() => Select().Sql;

    /// <summary>The values <see cref="ToSql"/>'s placeholders stand for, in order, as sent (enum names, UTC timestamps, escaped LIKE patterns).</summary>
    public IReadOnlyList<object?> Parameters => Select().Parameters.Select(parameter => parameter.Value).ToArray();

    public override string ToString() => ToSql();

    // A list sized for the LIMIT saves growing it row by row; the cap keeps a generous LIMIT on a small result cheap.
    private const int MaxPresizedRows = 128;

    private int ExpectedRows() => _limit is { } limit ? Math.Min(limit, MaxPresizedRows) : 0;

    // The query is immutable, so its SELECT is assembled once, however often it runs. Built from cached conditions,
    // the text is the same for every query of the same shape and is cached too; only the parameters are this query's.
    private Statement Select()
    {
        if (_select is { } built)
            return built;
        if (_conditions.IsEmpty && _ordering.IsEmpty && _limit is null && _offset is null)
            return _select = Statements.SelectAll;

        if (CachedSelectText() is { } sql)
            return _select = new Statement(sql, SelectParameters(static parameter => parameter));

        var statement = new StatementBuilder().Append("SELECT ").Append(Statements.SelectList).Append(" FROM ").Append(Statements.Table);
        AppendWhere(statement);
        AppendOrderLimitOffset(statement);
        built = statement.Build();
        var shape = Shape();
        if (shape.IsCacheable)
            Statements.CacheSelect(shape, built.Sql);
        return _select = built;
    }

    private SelectShape Shape() => new(_conditions, _ordering, _limit is not null, _offset is not null);

    /// <summary>The SELECT text of this query's shape if it was cached; null for every row (<see cref="EntityStatements{T}.SelectAll"/>) or a new shape.</summary>
    private string? CachedSelectText()
    {
        if (_conditions.IsEmpty && _ordering.IsEmpty && _limit is null && _offset is null)
            return null;
        var shape = Shape();
        return shape.IsCacheable && Statements.CachedSelect(shape, out var sql) ? sql : null;
    }

    /// <summary>The parameters of the SELECT, in the order <see cref="AppendWhere"/> and <see cref="AppendOrderLimitOffset"/> number them.</summary>
    private TParameter[] SelectParameters<TParameter>(Func<QueryParameter, TParameter> make)
    {
        var count = (_limit is null ? 0 : 1) + (_offset is null ? 0 : 1);
        foreach (var condition in _conditions)
            count += condition.ParameterCount;
        if (count == 0)
            return [];
        var parameters = new TParameter[count];
        var next = 0;
        foreach (var condition in _conditions)
        {
            for (var i = 0; i < condition.ParameterCount; i++)
                parameters[next++] = make(condition.Parameter(i));
        }
        if (_limit is { } limit)
            parameters[next++] = make(Bigint(limit));
        if (_offset is { } offset)
            parameters[next] = make(Bigint(offset));
        return parameters;
    }

    private static QueryParameter Bigint(int value) => new(BoxedCounts.Of(value), NpgsqlDbType.Bigint);

    private void AppendSubquery(StatementBuilder statement, string selectList)
    {
        statement.Append("SELECT ").Append(selectList).Append(" FROM ").Append(Statements.Table);
        AppendWhere(statement);
        AppendOrderLimitOffset(statement);
    }

    private void AppendWhere(StatementBuilder statement)
    {
        for (var i = 0; i < _conditions.Length; i++)
        {
            statement.Append(i == 0 ? " WHERE " : " AND ");
            if (_conditions.Length > 1)
                statement.Append("(").Append(_conditions[i]).Append(")");
            else
                statement.Append(_conditions[i]);
        }
    }

    private void AppendOrderLimitOffset(StatementBuilder statement)
    {
        for (var i = 0; i < _ordering.Length; i++)
        {
            statement.Append(i == 0 ? " ORDER BY " : ", ")
                .Append(SqlIdentifier.Quote(_ordering[i].Column.Name))
                .Append(_ordering[i].Descending ? " DESC" : "");
        }
        if (_limit is { } limit)
            statement.Append(" LIMIT ").Append(SqlFragment.Bigint(limit));
        if (_offset is { } offset)
            statement.Append(" OFFSET ").Append(SqlFragment.Bigint(offset));
    }

    private static ColumnMetadata Column(LambdaExpression key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return PredicateTranslator.OrderingColumn(Metadata, key);
    }

    private ImmutableArray<(ColumnMetadata, bool)> Ordered() =>
        _ordering.IsEmpty ? throw new InvalidOperationException("ThenBy and ThenByDescending refine an ordering: call OrderBy or OrderByDescending first.") : _ordering;

    private TableQuery<T> With(
        ImmutableArray<SqlFragment>? conditions = null,
        ImmutableArray<(ColumnMetadata, bool)>? ordering = null,
        int? limit = null,
        int? offset = null) =>
        new(_session, conditions ?? _conditions, ordering ?? _ordering, limit ?? _limit, offset ?? _offset);
}
