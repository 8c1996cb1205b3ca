using System.Data.Common;
using Dapper;

namespace Aksara;

/// <summary>Dapper row parsers, including for one-column results read as a scalar (<c>FetchAsync&lt;string&gt;</c>).</summary>
internal static class RowParsers
{
    internal static Func<DbDataReader, T> For<T>(DbDataReader reader)
    {
        if (!Scalar<T>.IsScalar)
            return UnknownEnumNames.Wrap(reader.GetRowParser<T>());
        // Dapper's typed parser cannot cast its scalar reader to Func<DbDataReader, T>; the untyped one can be wrapped.
        var parse = reader.GetRowParser(typeof(T));
        return row => (T)parse(row)!;
    }

    private static class Scalar<T>
    {
        internal static readonly bool IsScalar = typeof(T) == typeof(string) || typeof(T).IsValueType || typeof(T).IsArray;
    }
}
