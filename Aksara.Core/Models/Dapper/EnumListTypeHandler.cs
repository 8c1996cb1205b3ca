using System.Data;
using Dapper;
using NpgsqlTypes;

namespace Aksara;

/// <summary><c>text[]</c> of enum names ↔ <c>List&lt;TEnum&gt;</c>, by <see cref="EnumText"/>.</summary>
internal sealed class EnumListTypeHandler<TEnum> : SqlMapper.TypeHandler<List<TEnum>> where TEnum : struct, Enum
{
    public override List<TEnum>? Parse(object value) => EnumText.Parse<TEnum>(value) is { } array ? [.. array] : null;

    public override void SetValue(IDbDataParameter parameter, List<TEnum>? value)
    {
        parameter.Value = value is null ? DBNull.Value : EnumText<TEnum>.All(value);
        TypedParameters.Set(parameter, NpgsqlDbType.Array | NpgsqlDbType.Text);
    }
}
