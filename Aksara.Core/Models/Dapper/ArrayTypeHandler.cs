using System.Data;
using Dapper;
using NpgsqlTypes;

namespace Aksara;

/// <summary>A PostgreSQL array ↔ <c>T[]</c>, sent as one array parameter (never expanded into a list of parameters).</summary>
internal sealed class ArrayTypeHandler<T>(NpgsqlDbType elementType) : SqlMapper.TypeHandler<T[]>
{
    public override T[]? Parse(object value) => ScalarReads.ToArray<T>(value);

    public override void SetValue(IDbDataParameter parameter, T[]? value)
    {
        parameter.Value = (object?)ParameterValues.NormalizeArray(value) ?? DBNull.Value;
        TypedParameters.Set(parameter, NpgsqlDbType.Array | elementType);
    }
}
