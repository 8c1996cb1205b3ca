using System.Data;
using Dapper;
using NpgsqlTypes;

namespace Aksara;

/// <summary>jsonb ↔ <typeparamref name="T"/>, by <see cref="JsonbText"/>.</summary>
internal sealed class JsonTypeHandler<T> : SqlMapper.TypeHandler<T>
{
    public override T? Parse(object value) => JsonbText.Deserialize<T>(value);

    public override void SetValue(IDbDataParameter parameter, T? value)
    {
        parameter.Value = value is null ? DBNull.Value : JsonbText.Serialize(value, ParameterValues.RawParameter);
        TypedParameters.Set(parameter, NpgsqlDbType.Jsonb);
    }
}
