using System.Data;
using Dapper;
using NpgsqlTypes;

namespace Aksara;

/// <summary><c>text[]</c> of enum names ↔ <c>TEnum[]</c>, by <see cref="EnumText"/>.</summary>
internal sealed class EnumArrayTypeHandler<TEnum> : SqlMapper.TypeHandler<TEnum[]> where TEnum : struct, Enum
{
    public override TEnum[]? Parse(object value) => EnumText.Parse<TEnum>(value);

    public override void SetValue(IDbDataParameter parameter, TEnum[]? value)
    {
        parameter.Value = value is null ? DBNull.Value : EnumText<TEnum>.All(value);
        TypedParameters.Set(parameter, NpgsqlDbType.Array | NpgsqlDbType.Text);
    }
}
