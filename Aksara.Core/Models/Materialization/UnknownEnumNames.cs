using System.Data;
using System.Data.Common;
using System.Reflection;
using Aksara.Models.Mapping;
using Aksara.Values;
using Dapper;

namespace Aksara.Models.Materialization;

/// <summary>
/// Dapper parses enum columns itself and, for text that is none of the enum's names, reports only "Error parsing
/// column N". For result types with enum members, <see cref="Wrap{T}"/> makes that error name the column, the text
/// and the enum; for others it returns the parser unchanged.
/// </summary>
internal static class UnknownEnumNames
{
    internal static Func<DbDataReader, T> Wrap<T>(Func<DbDataReader, T> parse)
    {
        if (!EnumMembers<T>.Exist)
            return parse;
        if (!EnumMembers<T>.Relabelled)
            return row => ParseNamingEnums(parse, row);
        // One parser reads one result: which columns hold labels is worked out on its first row.
        Type?[]? enums = null;
        return row => ParseNamingEnums(parse, new EnumLabelReader(row, enums ??= EnumLabelReader.EnumsOf(typeof(T), row)));
    }

    private static T ParseNamingEnums<T>(Func<DbDataReader, T> parse, DbDataReader row)
    {
        try
        {
            return parse(row);
        }
        catch (DataException ex) when (FindUnknownEnumName(typeof(T), row, ex) is { } clear)
        {
            throw clear;
        }
    }

    /// <summary>The column of the current row that holds text no enum member of <paramref name="type"/> is named.</summary>
    private static AksaraException? FindUnknownEnumName(Type type, DbDataReader row, DataException error)
    {
        var map = SqlMapper.GetTypeMap(type);
        for (var ordinal = 0; ordinal < row.FieldCount; ordinal++)
        {
            var name = row.GetName(ordinal);
            if (map.GetMember(name)?.MemberType is not { } memberType || EnumOf(memberType) is not { } enumType || row.IsDBNull(ordinal))
                continue;
            var texts = row.GetValue(ordinal) switch
            {
                string text => [text],
                string[] array => array,
                _ => [],
            };
            foreach (var text in texts)
            {
                if (!EnumText.TryParseName(enumType, text, out _))
                    return EnumText.UnknownName(enumType, text, name, error);
            }
        }
        return null;
    }

    private static Type? EnumOf(Type memberType)
    {
        var type = Nullable.GetUnderlyingType(memberType) ?? memberType;
        type = ColumnTypes.CollectionElement(type) ?? type;
        return type.IsEnum ? type : null;
    }

    private static class EnumMembers<T>
    {
        internal static readonly bool Exist = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(property => EnumOf(property.PropertyType) is not null);

        /// <summary>Some enum property has a member whose label is not its name (<c>[PgName]</c>), which Dapper cannot parse.</summary>
        internal static readonly bool Relabelled = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(property => (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is { IsEnum: true } type && EnumText.HasOwnLabels(type));
    }
}
