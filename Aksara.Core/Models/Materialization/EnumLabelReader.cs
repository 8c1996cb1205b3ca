using System.Collections;
using System.Data.Common;
using Aksara.Values;

namespace Aksara.Models.Materialization;

/// <summary>
/// A row seen with enum labels turned into member names (<c>"PG-13"</c> → <c>"Pg13"</c>), for Dapper: it parses enum
/// properties itself with <c>Enum.Parse</c>, which knows no <c>[PgName]</c> labels, and consults no type handler for
/// them. Only result types with such an enum member are read through it (<see cref="UnknownEnumNames.Wrap{T}"/>).
/// </summary>
internal sealed class EnumLabelReader(DbDataReader inner, Type?[] enumByOrdinal) : DbDataReader
{
    /// <summary>For each column of <paramref name="row"/>: the relabelled enum of the member it fills in <paramref name="resultType"/>, or null.</summary>
    internal static Type?[] EnumsOf(Type resultType, DbDataReader row)
    {
        var map = Dapper.SqlMapper.GetTypeMap(resultType);
        var enums = new Type?[row.FieldCount];
        for (var ordinal = 0; ordinal < enums.Length; ordinal++)
        {
            if (map.GetMember(row.GetName(ordinal))?.MemberType is { } memberType
                && (Nullable.GetUnderlyingType(memberType) ?? memberType) is { IsEnum: true } enumType
                && EnumText.HasOwnLabels(enumType))
            {
                enums[ordinal] = enumType;
            }
        }
        return enums;
    }

    public override object GetValue(int ordinal)
    {
        var value = inner.GetValue(ordinal);
        return value is string text && enumByOrdinal[ordinal] is { } enumType ? EnumText.NameOfLabel(enumType, text) : value;
    }

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
            values[i] = GetValue(i);
        return count;
    }

    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override int Depth => inner.Depth;
    public override int FieldCount => inner.FieldCount;
    public override bool HasRows => inner.HasRows;
    public override bool IsClosed => inner.IsClosed;
    public override int RecordsAffected => inner.RecordsAffected;
    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);
    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
    public override char GetChar(int ordinal) => inner.GetChar(ordinal);
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);
    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);
    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);
    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);
    public override IEnumerator GetEnumerator() => inner.GetEnumerator();
    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);
    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);
    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);
    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);
    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);
    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);
    public override string GetName(int ordinal) => inner.GetName(ordinal);
    public override int GetOrdinal(string name) => inner.GetOrdinal(name);
    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);
    public override bool NextResult() => inner.NextResult();
    public override bool Read() => inner.Read();
}
