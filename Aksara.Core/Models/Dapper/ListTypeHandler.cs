using System.Data;
using Dapper;
using NpgsqlTypes;

namespace Aksara;

/// <summary>A PostgreSQL array ↔ <c>List&lt;T&gt;</c>.</summary>
internal sealed class ListTypeHandler<T>(NpgsqlDbType elementType) : SqlMapper.TypeHandler<List<T>>
{
    public override List<T>? Parse(object value) => ScalarReads.ToArray<T>(value) is { } array ? [.. array] : null;

    public override void SetValue(IDbDataParameter parameter, List<T>? value)
    {
        parameter.Value = value is null ? DBNull.Value : ParameterValues.NormalizeArray(value.ToArray());
        TypedParameters.Set(parameter, NpgsqlDbType.Array | elementType);
    }
}
