using System.Linq.Expressions;
using System.Reflection;
using Npgsql;

namespace Aksara;

/// <summary>
/// The compiled accessors of model <typeparamref name="T"/>: for each column, a delegate that reads the property and
/// hands it, unboxed, to the column's <see cref="ColumnBinder"/>. Built once per type with expression trees, so the
/// CRUD and COPY paths do no reflection per call.
/// </summary>
internal sealed class EntityMap<T> where T : class
{
    private static EntityMap<T>? s_instance;

    private EntityMap(ModelMetadata metadata)
    {
        Metadata = metadata;
        Columns = metadata.Columns.Select((column, index) => new ColumnAccessor<T>(column, index)).ToArray();
        PrimaryKey = Columns.Where(accessor => accessor.Column.IsPrimaryKey).ToArray();
        Generated = Columns.Where(accessor => accessor.Column.IsDatabaseGenerated).ToArray();
        if (Generated.Length > 31)
        {
            throw new AksaraConfigurationException(
                $"Model {TypeNames.Display(typeof(T))} has {Generated.Length} columns with database defaults; Aksara supports at most 31. Remove [Default] from some of them.");
        }
        CopyColumns = CompileCopy(metadata.Columns);
        UpdatedAt = metadata.IsModelSubclass ? Columns.Single(accessor => accessor.Column.Property.Name == nameof(Model.UpdatedAt)) : null;
        CreatedAt = metadata.IsModelSubclass ? Columns.Single(accessor => accessor.Column.Property.Name == nameof(Model.CreatedAt)) : null;
    }

    /// <summary>The map of <typeparamref name="T"/>; throws <see cref="AksaraConfigurationException"/> for a type that is no valid model.</summary>
    internal static EntityMap<T> Instance => s_instance ??= new EntityMap<T>(ModelMetadata.For<T>());

    internal ModelMetadata Metadata { get; }

    /// <summary>In <see cref="ModelMetadata.Columns"/> order.</summary>
    internal ColumnAccessor<T>[] Columns { get; }

    internal ColumnAccessor<T>[] PrimaryKey { get; }

    /// <summary>The columns an insert may leave to the database (<see cref="ColumnMetadata.IsDatabaseGenerated"/>).</summary>
    internal ColumnAccessor<T>[] Generated { get; }

    /// <summary>For <see cref="Model"/> subclasses: <c>updated_at</c>, set by PostgreSQL on every update.</summary>
    internal ColumnAccessor<T>? UpdatedAt { get; }

    /// <summary>For <see cref="Model"/> subclasses: <c>created_at</c>, never changed by an update.</summary>
    internal ColumnAccessor<T>? CreatedAt { get; }

    /// <summary>Copies every mapped property from the second argument to the first: a row read back into the caller's entity.</summary>
    internal Action<T, T> CopyColumns { get; }

    /// <summary>
    /// A bit per <see cref="Generated"/> column that currently holds no value on <paramref name="entity"/>
    /// (and is therefore left to its database default).
    /// </summary>
    internal int UnsetGeneratedMask(T entity)
    {
        var mask = 0;
        for (var i = 0; i < Generated.Length; i++)
        {
            if (Generated[i].HoldsNoValue!(entity))
                mask |= 1 << i;
        }
        return mask;
    }

    private static Action<T, T> CompileCopy(IReadOnlyList<ColumnMetadata> columns)
    {
        var target = Expression.Parameter(typeof(T), "target");
        var source = Expression.Parameter(typeof(T), "source");
        var assignments = columns.Select(column =>
            (Expression)Expression.Assign(Expression.Property(target, column.Property), Expression.Property(source, column.Property)));
        return Expression.Lambda<Action<T, T>>(Expression.Block(assignments.DefaultIfEmpty(Expression.Empty())), target, source).Compile();
    }
}

/// <summary>One column of <typeparamref name="T"/>: compiled delegates around its property and binder.</summary>
internal sealed class ColumnAccessor<T> where T : class
{
    internal ColumnAccessor(ColumnMetadata column, int index)
    {
        Column = column;
        Index = index;
        QuotedName = SqlIdentifier.Quote(column.Name);

        var entity = Expression.Parameter(typeof(T), "entity");
        var property = Expression.Property(entity, column.Property);
        var binder = Expression.Constant(column.Binder, typeof(ColumnBinder<>).MakeGenericType(column.ClrType));

        CreateParameter = Expression.Lambda<Func<T, NpgsqlParameter>>(
            Expression.Call(binder, nameof(ColumnBinder<int>.CreateParameter), null, property), entity).Compile();

        var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
        var cancellationToken = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        WriteAsync = Expression.Lambda<Func<NpgsqlBinaryImporter, T, CancellationToken, Task>>(
            Expression.Call(binder, nameof(ColumnBinder<int>.WriteAsync), null, importer, property, cancellationToken),
            importer, entity, cancellationToken).Compile();

        if (column.IsDatabaseGenerated)
        {
            HoldsNoValue = Expression.Lambda<Func<T, bool>>(
                Expression.Call(typeof(NoValue).GetMethod(nameof(NoValue.Is))!.MakeGenericMethod(column.ClrType), property), entity).Compile();
            FillClientDefault = CompileClientDefault(column, entity, property);
        }
    }

    internal ColumnMetadata Column { get; }

    /// <summary>The position in <see cref="ModelMetadata.Columns"/>.</summary>
    internal int Index { get; }

    /// <summary>The column name, quoted for SQL.</summary>
    internal string QuotedName { get; }

    internal Func<T, NpgsqlParameter> CreateParameter { get; }

    internal Func<NpgsqlBinaryImporter, T, CancellationToken, Task> WriteAsync { get; }

    /// <summary>For database-generated columns: true while the property holds its "no value" state.</summary>
    internal Func<T, bool>? HoldsNoValue { get; }

    /// <summary>
    /// For database-generated columns whose default a client can reproduce (<c>gen_random_uuid()</c>, <c>now()</c>):
    /// sets the property to an equivalent value (a version 7 Guid, the given UTC timestamp). Binary COPY cannot skip a
    /// column row by row, so it fills these instead of leaving them to the database.
    /// </summary>
    internal Action<T, DateTimeOffset>? FillClientDefault { get; }

    private static Action<T, DateTimeOffset>? CompileClientDefault(ColumnMetadata column, ParameterExpression entity, MemberExpression property)
    {
        var now = Expression.Parameter(typeof(DateTimeOffset), "now");
        var type = Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType;
        Expression? value = (ClientDefaults.Recognize(column.DefaultSql), type) switch
        {
            (ClientDefault.RandomUuid, var t) when t == typeof(Guid) => Expression.Call(typeof(Guid).GetMethod(nameof(Guid.CreateVersion7), Type.EmptyTypes)!),
            (ClientDefault.CurrentTimestamp, var t) when t == typeof(DateTimeOffset) => now,
            (ClientDefault.CurrentTimestamp, var t) when t == typeof(DateTime) => Expression.Property(now, nameof(DateTimeOffset.UtcDateTime)),
            _ => null,
        };
        if (value is null || column.Property.SetMethod is null)
            return null;
        var assign = Expression.Assign(property, Expression.Convert(value, column.ClrType));
        return Expression.Lambda<Action<T, DateTimeOffset>>(assign, entity, now).Compile();
    }
}

/// <summary>The "no value" state of a property: null, or the CLR default (Guid.Empty, 0001-01-01, 0 for an identity).</summary>
internal static class NoValue
{
    public static bool Is<TValue>(TValue value) => value is null || EqualityComparer<TValue>.Default.Equals(value, default!);
}

internal enum ClientDefault { None, RandomUuid, CurrentTimestamp }

/// <summary>Column defaults whose value a client can produce itself, recognized by their SQL.</summary>
internal static class ClientDefaults
{
    internal static ClientDefault Recognize(string? defaultSql)
    {
        if (defaultSql is null)
            return ClientDefault.None;
        var sql = string.Concat(defaultSql.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        return sql switch
        {
            "gen_random_uuid()" or "uuid_generate_v4()" or "uuidv4()" or "uuidv7()" => ClientDefault.RandomUuid,
            "now()" or "current_timestamp" or "transaction_timestamp()" or "statement_timestamp()" or "clock_timestamp()" => ClientDefault.CurrentTimestamp,
            _ => ClientDefault.None,
        };
    }
}
