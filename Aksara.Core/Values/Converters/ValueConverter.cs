using System.Collections;
using System.Globalization;
using Aksara.Models;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary>
/// One kind of value between CLR and PostgreSQL, owning all three directions: the typed parameter a statement sends,
/// the typed field binary COPY writes, and what a value Npgsql read untyped (<c>GetValue</c>) becomes. A model column
/// has one, built with its metadata; raw and named parameters and Dapper's type handlers use the one of the value's
/// type (<see cref="ValueConverters.ForType"/>). The rules themselves (UTC, no NUL, enum names, jsonb) live in
/// <c>Values/</c>, one file each; converters only apply them.
/// </summary>
internal abstract class ValueConverter
{
    private protected ValueConverter(NpgsqlDbType? dbType, string description)
    {
        DbType = dbType;
        Description = description;
    }

    /// <summary>The parameter type; null lets Npgsql infer it (explicit <c>[Column(Type)]</c> columns).</summary>
    internal NpgsqlDbType? DbType { get; }

    /// <summary>Names the column (or "A query parameter") in error messages.</summary>
    internal string Description { get; }

    /// <summary>The CLR type this converter reads and writes.</summary>
    internal abstract Type ValueType { get; }

    /// <summary>The type of an array of these values, for <c>= ANY($n)</c>; null to let Npgsql infer it.</summary>
    internal NpgsqlDbType? ArrayDbType => DbType is { } type && type != NpgsqlDbType.Unknown && (type & NpgsqlDbType.Array) == 0 ? NpgsqlDbType.Array | type : null;

    /// <summary>COPY needs a concrete binary type: "unknown" has none, so such values go as their CLR type's own.</summary>
    private protected NpgsqlDbType? CopyDbType => DbType == NpgsqlDbType.Unknown ? null : DbType;

    /// <summary>What is sent for a boxed value of (or convertible to) <see cref="ValueType"/>, e.g. a constant in a typed query.</summary>
    internal abstract object? ToDbValue(object? value);

    /// <summary>The values of <paramref name="values"/> converted and gathered in a typed array; nulls are dropped and reported.</summary>
    internal abstract Array ToDbArray(IEnumerable values, out bool hadNull);

    /// <summary>The parameter for a boxed value of <see cref="ValueType"/> whose static type is not known (raw and named parameters).</summary>
    internal abstract NpgsqlParameter CreateParameterForObject(object value);

    /// <summary>A value as Npgsql reads it untyped, as <see cref="ValueType"/>, boxed.</summary>
    internal abstract object? ReadObject(object value);

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

/// <summary>A converter for values of type <typeparamref name="TValue"/>; compiled accessors call it without boxing.</summary>
internal abstract class ValueConverter<TValue> : ValueConverter
{
    private protected ValueConverter(NpgsqlDbType? dbType, string description) : base(dbType, description) { }

    internal sealed override Type ValueType => typeof(TValue);

    internal abstract NpgsqlParameter CreateParameter(TValue value);

    internal abstract Task WriteAsync(NpgsqlBinaryImporter importer, TValue value, CancellationToken cancellationToken);

    /// <summary>
    /// A value as Npgsql's <c>GetValue</c> returns it (<c>date</c> as DateTime, <c>text[]</c> as string[], jsonb as its
    /// text) as <typeparamref name="TValue"/>. NULL (<see cref="DBNull"/>) reads as null, except into a value type,
    /// where it fails so the caller can name the column.
    /// </summary>
    internal TValue? Read(object value)
    {
        if (value is not DBNull)
            return ReadValue(value);
        return typeof(TValue).IsValueType && Nullable.GetUnderlyingType(typeof(TValue)) is null
            ? throw new InvalidCastException($"Cannot read NULL as {TypeNames.Display(typeof(TValue))}.")
            : default;
    }

    /// <summary>Reads a value that is not NULL.</summary>
    private protected abstract TValue ReadValue(object value);

    internal sealed override NpgsqlParameter CreateParameterForObject(object value) => CreateParameter((TValue)value);

    internal sealed override object? ReadObject(object value) => Read(value);

    private protected NpgsqlParameter CreateNullParameter() => CreateParameter(null, DbType);
}

/// <summary>A converter that sends a non-null <typeparamref name="TValue"/> as the <typeparamref name="TDb"/> Npgsql writes.</summary>
internal abstract class ValueConverter<TValue, TDb> : ValueConverter<TValue>
{
    private protected ValueConverter(NpgsqlDbType? dbType, string description) : base(dbType, description) { }

    /// <summary>Converts a value that is not null; throws <see cref="ArgumentException"/> naming the column for a value PostgreSQL cannot store.</summary>
    private protected abstract TDb ToDb(TValue value);

    internal sealed override NpgsqlParameter CreateParameter(TValue value)
    {
        if (value is null)
            return CreateNullParameter();
        var parameter = new NpgsqlParameter<TDb> { TypedValue = ToDb(value) };
        if (DbType is { } type)
            parameter.NpgsqlDbType = type;
        return parameter;
    }

    internal sealed override Task WriteAsync(NpgsqlBinaryImporter importer, TValue value, CancellationToken cancellationToken)
    {
        if (value is null)
            return importer.WriteNullAsync(cancellationToken);
        return CopyDbType is { } type
            ? importer.WriteAsync(ToDb(value), type, cancellationToken)
            : importer.WriteAsync(ToDb(value), cancellationToken);
    }

    internal sealed override object? ToDbValue(object? value) => value is null ? null : ToDb((TValue)Coerce(value, typeof(TValue)));

    internal sealed override Array ToDbArray(IEnumerable values, out bool hadNull)
    {
        hadNull = false;
        var converted = new List<TDb>();
        foreach (var value in values)
        {
            if (value is null)
                hadNull = true;
            else
                converted.Add(ToDb((TValue)Coerce(value, typeof(TValue))));
        }
        return converted.ToArray();
    }
}
