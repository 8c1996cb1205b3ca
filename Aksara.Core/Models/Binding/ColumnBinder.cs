using System.Collections;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Aksara;

/// <summary>
/// Turns one column's CLR values into what Npgsql sends, always with the column's exact PostgreSQL type: a typed
/// parameter for statements and a typed field for binary COPY. One instance per column, built with the model metadata.
/// </summary>
internal abstract class ColumnBinder
{
    private protected ColumnBinder(NpgsqlDbType? dbType, string description)
    {
        DbType = dbType;
        Description = description;
    }

    /// <summary>The parameter type; null lets Npgsql infer it (explicit <c>[Column(Type)]</c> columns).</summary>
    internal NpgsqlDbType? DbType { get; }

    /// <summary>Names the column in error messages.</summary>
    internal string Description { get; }

    /// <summary>The property type this binder reads.</summary>
    internal abstract Type ValueType { get; }

    /// <summary>The type of an array of this column's values, for <c>= ANY($n)</c>; null to let Npgsql infer it.</summary>
    internal NpgsqlDbType? ArrayDbType => DbType is { } type && type != NpgsqlDbType.Unknown && (type & NpgsqlDbType.Array) == 0 ? NpgsqlDbType.Array | type : null;

    /// <summary>COPY needs a concrete binary type: "unknown" has none, so such values go as their CLR type's own.</summary>
    private protected NpgsqlDbType? CopyDbType => DbType == NpgsqlDbType.Unknown ? null : DbType;

    /// <summary>What is sent for a boxed value of (or convertible to) the property type, e.g. a constant in a typed query.</summary>
    internal abstract object? ToDbValue(object? value);

    /// <summary>The values of <paramref name="values"/> converted and gathered in a typed array; nulls are dropped and reported.</summary>
    internal abstract Array ToDbArray(IEnumerable values, out bool hadNull);

    internal static NpgsqlParameter CreateParameter(object? dbValue, NpgsqlDbType? dbType)
    {
        var parameter = new NpgsqlParameter { Value = dbValue ?? DBNull.Value };
        if (dbType is { } type)
            parameter.NpgsqlDbType = type;
        return parameter;
    }

    /// <summary>A boxed value as <paramref name="type"/>: typed-query constants arrive widened (an enum as its number, a short as an int).</summary>
    private protected static object Coerce(object value, Type type)
    {
        if (type.IsInstanceOfType(value))
            return value;
        if (type.IsEnum)
            return Enum.ToObject(type, value);
        try
        {
            return Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException)
        {
            throw new ArgumentException($"A value of type {TypeNames.Display(value.GetType())} cannot be converted to {TypeNames.Display(type)}.", ex);
        }
    }
}

/// <summary>A binder for properties of type <typeparamref name="TValue"/>; compiled accessors call it without boxing.</summary>
internal abstract class ColumnBinder<TValue> : ColumnBinder
{
    private protected ColumnBinder(NpgsqlDbType? dbType, string description) : base(dbType, description) { }

    internal sealed override Type ValueType => typeof(TValue);

    internal abstract NpgsqlParameter CreateParameter(TValue value);

    internal abstract Task WriteAsync(NpgsqlBinaryImporter importer, TValue value, CancellationToken cancellationToken);

    private protected NpgsqlParameter CreateNullParameter() => CreateParameter(null, DbType);
}

/// <summary>A binder that converts a non-null <typeparamref name="TValue"/> to the <typeparamref name="TDb"/> Npgsql writes.</summary>
internal abstract class ColumnBinder<TValue, TDb> : ColumnBinder<TValue>
{
    private protected ColumnBinder(NpgsqlDbType? dbType, string description) : base(dbType, description) { }

    /// <summary>Converts a value that is not null; throws <see cref="ArgumentException"/> naming the column for a value PostgreSQL cannot store.</summary>
    private protected abstract TDb Convert(TValue value);

    internal sealed override NpgsqlParameter CreateParameter(TValue value)
    {
        if (value is null)
            return CreateNullParameter();
        var parameter = new NpgsqlParameter<TDb> { TypedValue = Convert(value) };
        if (DbType is { } type)
            parameter.NpgsqlDbType = type;
        return parameter;
    }

    internal sealed override Task WriteAsync(NpgsqlBinaryImporter importer, TValue value, CancellationToken cancellationToken)
    {
        if (value is null)
            return importer.WriteNullAsync(cancellationToken);
        return CopyDbType is { } type
            ? importer.WriteAsync(Convert(value), type, cancellationToken)
            : importer.WriteAsync(Convert(value), cancellationToken);
    }

    internal sealed override object? ToDbValue(object? value) => value is null ? null : Convert((TValue)Coerce(value, typeof(TValue)));

    internal sealed override Array ToDbArray(IEnumerable values, out bool hadNull)
    {
        hadNull = false;
        var converted = new List<TDb>();
        foreach (var value in values)
        {
            if (value is null)
                hadNull = true;
            else
                converted.Add(Convert((TValue)Coerce(value, typeof(TValue))));
        }
        return converted.ToArray();
    }
}

/// <summary>A <c>Nullable&lt;T&gt;</c> property: null is a typed NULL, a value goes through the binder of <typeparamref name="T"/>.</summary>
internal sealed class NullableBinder<T>(ColumnBinder<T> inner) : ColumnBinder<T?>(inner.DbType, inner.Description)
    where T : struct
{
    internal override NpgsqlParameter CreateParameter(T? value) => value.HasValue ? inner.CreateParameter(value.GetValueOrDefault()) : CreateNullParameter();

    internal override Task WriteAsync(NpgsqlBinaryImporter importer, T? value, CancellationToken cancellationToken) =>
        value.HasValue ? inner.WriteAsync(importer, value.GetValueOrDefault(), cancellationToken) : importer.WriteNullAsync(cancellationToken);

    internal override object? ToDbValue(object? value) => inner.ToDbValue(value);

    internal override Array ToDbArray(IEnumerable values, out bool hadNull) => inner.ToDbArray(values, out hadNull);
}
