using System.Linq.Expressions;
using System.Reflection;
using Aksara.Data;
using Aksara.Values.Converters;
using Npgsql;

namespace Aksara.Models.Binding;

/// <summary>One column of <typeparamref name="T"/>: compiled delegates around its property and converter.</summary>
internal sealed class ColumnAccessor<T> where T : class
{
    internal ColumnAccessor(ColumnMetadata column, int index)
    {
        Column = column;
        Index = index;
        QuotedName = SqlIdentifier.Quote(column.Name);

        var entity = Expression.Parameter(typeof(T), "entity");
        var property = Expression.Property(entity, column.Property);
        var converter = Expression.Constant(column.Converter, typeof(ValueConverter<>).MakeGenericType(column.ClrType));

        CreateParameter = Expression.Lambda<Func<T, NpgsqlParameter>>(
            Expression.Call(converter, nameof(ValueConverter<int>.CreateParameter), null, property), entity).Compile();
        CreateValueParameter = typeof(ColumnAccessor<T>).GetMethod(nameof(ValueParameter), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(column.ClrType)
            .CreateDelegate<Func<object, NpgsqlParameter>>(column.Converter);

        var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
        var cancellationToken = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        WriteAsync = Expression.Lambda<Func<NpgsqlBinaryImporter, T, CancellationToken, Task>>(
            Expression.Call(converter, nameof(ValueConverter<int>.WriteAsync), null, importer, property, cancellationToken),
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

    /// <summary>The parameter for a boxed value of the column (a key passed to <c>GetAsync</c>), as <see cref="CreateParameter"/> makes it from the property.</summary>
    internal Func<object, NpgsqlParameter> CreateValueParameter { get; }

    internal Func<NpgsqlBinaryImporter, T, CancellationToken, Task> WriteAsync { get; }

    /// <summary>For database-generated columns: true while the property holds its "no value" state.</summary>
    internal Func<T, bool>? HoldsNoValue { get; }

    /// <summary>
    /// For database-generated columns whose default a client can reproduce (<c>gen_random_uuid()</c>, <c>now()</c>):
    /// sets the property to an equivalent value (a version 7 Guid, the given UTC timestamp). Binary COPY cannot skip a
    /// column row by row, so it fills these instead of leaving them to the database.
    /// </summary>
    internal Action<T, DateTimeOffset>? FillClientDefault { get; }

    // A value of the property type is sent as a property would be; another (an int for a long key) is converted first.
    private static NpgsqlParameter ValueParameter<TValue>(ValueConverter<TValue> binder, object value) =>
        value is TValue typed ? binder.CreateParameter(typed) : ValueConverter.CreateParameter(binder.ToDbValue(value), binder.DbType);

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
