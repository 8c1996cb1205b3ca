using System.Data;
using Dapper;
using NpgsqlTypes;

namespace Aksara;

/// <summary><c>timestamptz</c> ↔ <see cref="DateTimeOffset"/>, by <see cref="UtcInstants"/>.</summary>
internal sealed class DateTimeOffsetTypeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override DateTimeOffset Parse(object value) => ScalarReads.To<DateTimeOffset>(value);

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.Value = UtcInstants.ToStored(value);
        TypedParameters.Set(parameter, NpgsqlDbType.TimestampTz);
    }
}
