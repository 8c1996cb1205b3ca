using System.Data;
using Aksara.Values.Converters;
using Dapper;
using Npgsql;

namespace Aksara.Models.Materialization;

/// <summary>
/// Dapper's view of a <see cref="ValueConverter{TValue}"/>: Dapper calls <see cref="Parse"/> for every column it
/// materializes into a <typeparamref name="T"/>, and <see cref="SetValue"/> for a parameter it builds itself
/// (<c>DynamicParameters</c>, a dictionary of values).
/// </summary>
internal sealed class ConverterTypeHandler<T>(ValueConverter<T> converter) : SqlMapper.TypeHandler<T>
{
    public override T? Parse(object value) => converter.Read(value);

    public override void SetValue(IDbDataParameter parameter, T? value)
    {
        parameter.Value = converter.ToDbValue(value) ?? DBNull.Value;
        // Only Npgsql's parameter carries the PostgreSQL type; without it Npgsql would guess (text for JSON).
        if (parameter is NpgsqlParameter npgsql && converter.DbType is { } type)
            npgsql.NpgsqlDbType = type;
    }
}
