using System.Data.Common;
using Aksara.Models;
using Aksara.Models.Materialization;
using Aksara.Values;
using Dapper;

namespace Aksara.Data;

/// <summary>Dapper row parsers, including for one-column results read as a scalar (<c>FetchAsync&lt;string&gt;</c>).</summary>
internal static class RowParsers
{
    internal static Func<DbDataReader, T> For<T>(DbDataReader reader)
    {
        // A class with a type handler (List<string>, a jsonb type) is read from the first column as a whole, like a scalar.
        // Handlers can be registered late (a model's jsonb types on its first use), so that is looked up per result.
        if (!Scalar<T>.IsScalar && !SqlMapper.HasTypeHandler(typeof(T)))
        {
            // A model's own table holds no NULL in its non-nullable columns, but raw SQL (an outer join, a computed
            // column) can still hand one to it, as to any result class.
            return NullIntoValueType.GuardMembers(UnknownEnumNames.Wrap(reader.GetRowParser<T>()), reader);
        }
        // Dapper's typed parser cannot cast its scalar reader to Func<DbDataReader, T>; the untyped one can be wrapped.
        // Dapper reads an enum scalar only from a number: text goes by name, as enum properties do.
        var parse = Scalar<T>.Enum is { } enumType && reader.FieldCount > 0 && reader.GetFieldType(0) == typeof(string)
            ? EnumText.FirstColumnByName(enumType, reader.GetName(0))
            : reader.GetRowParser(typeof(T));
        if (Scalar<T>.RejectsNull)
            return ParseNonNullable<T>(parse);
        // Dapper's own scalar reader turns NULL into null, which string and Nullable<> hold as they are. A type handler
        // (arrays, lists, jsonb) is handed DBNull instead: Aksara's converters read it as null, but DateTimeOffset's cannot
        // return null for DateTimeOffset?: those alone look at NULL first (value types only, so the rest keep the bare cast).
        if (Scalar<T>.NullableUnderlying is { } underlying && SqlMapper.HasTypeHandler(underlying))
            return row => row.IsDBNull(0) ? default! : (T)parse(row)!;
        return row => (T)parse(row)!;
    }

    /// <summary>
    /// NULL read as a value type fails inside the parser: unboxing null throws a bare NullReferenceException, a type
    /// handler given DBNull an InvalidCastException. This names the column and the fix instead. Catching the failure
    /// adds no work per row, where testing for NULL first would.
    /// </summary>
    private static Func<DbDataReader, T> ParseNonNullable<T>(Func<DbDataReader, object?> parse) => row =>
    {
        try
        {
            return (T)parse(row)!;
        }
        catch (Exception ex) when (row.FieldCount > 0 && row.IsDBNull(0))
        {
            throw NullIntoValueType.Scalar(typeof(T), row.GetName(0), ex);
        }
    };

    private static class Scalar<T>
    {
        // Before IsScalar is read: an enum list or a jsonb dictionary read on its own needs the handler a property of
        // its type would get, or Dapper maps it as a class (an empty list). A model is prepared by Dapper's type map
        // instead, so that an invalid model fails with its own error rather than in this type initializer.
        static Scalar()
        {
            if (!ModelMetadata.IsModelType(typeof(T)))
                DapperIntegration.Prepare(typeof(T));
        }

        internal static readonly bool IsScalar = typeof(T) == typeof(string) || typeof(T).IsValueType || typeof(T).IsArray;

        internal static readonly Type? NullableUnderlying = Nullable.GetUnderlyingType(typeof(T));

        /// <summary>The enum <typeparamref name="T"/> is, or is the <see cref="Nullable{T}"/> of.</summary>
        internal static readonly Type? Enum = (NullableUnderlying ?? typeof(T)) is { IsEnum: true } type ? type : null;

        /// <summary>A value type that is not <see cref="Nullable{T}"/>: NULL has no <typeparamref name="T"/> to become.</summary>
        internal static readonly bool RejectsNull = typeof(T).IsValueType && NullableUnderlying is null;
    }
}
