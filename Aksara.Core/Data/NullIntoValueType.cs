using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Aksara;

/// <summary>
/// NULL has no value-type value to become. Read as a non-nullable scalar or into a non-nullable value-type member of
/// a result class, it is an error that names the column, the type and the fix, instead of a bare cast failure or a
/// silent <c>0</c> / <see cref="Guid.Empty"/>.
/// </summary>
internal static class NullIntoValueType
{
    internal static AksaraException Scalar(Type type, string column, Exception inner)
    {
        var name = CSharpName(type);
        return new AksaraException(
            $"Column \"{column}\" is NULL, which {name} cannot hold. Read it as {name}? (for example FetchAsync<{name}?>), " +
            "or replace NULL in the SQL with COALESCE(expression, fallback).", inner);
    }

    internal static AksaraException Member(Type resultType, string member, Type memberType, string column)
    {
        var name = CSharpName(memberType);
        return new AksaraException(
            $"Column \"{column}\" is NULL, which {name} cannot hold. Make {TypeNames.Display(resultType)}.{member} {name}?, " +
            "or replace NULL in the SQL with COALESCE(expression, fallback).");
    }

    /// <summary>
    /// <paramref name="parse"/>, first checking the columns of <paramref name="reader"/> that fill a non-nullable
    /// value-type member of <typeparamref name="T"/> (Dapper skips a NULL column and leaves the member as constructed).
    /// The columns are looked up once per column set, so a query repeated with the same columns does no reflection.
    /// </summary>
    internal static Func<DbDataReader, T> GuardMembers<T>(Func<DbDataReader, T> parse, DbDataReader reader)
    {
        if (!ValueTypeMembers<T>.Exist)
            return parse;
        var columns = ValueTypeMembers<T>.For(reader);
        if (columns.Ordinals.Length == 0)
            return parse;
        return row =>
        {
            var ordinals = columns.Ordinals;
            for (var i = 0; i < ordinals.Length; i++)
            {
                if (row.IsDBNull(ordinals[i]))
                    throw Member(typeof(T), columns.Members[i].Name, columns.Members[i].Type, row.GetName(ordinals[i]));
            }
            return parse(row);
        };
    }

    private sealed record ResultColumns(string[] Names, int[] Ordinals, (string Name, Type Type)[] Members);

    private static class ValueTypeMembers<T>
    {
        private static volatile ResultColumns? s_last;

        internal static readonly bool Exist =
            typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(property => RejectsNull(property.PropertyType))
            || typeof(T).GetConstructors().Any(constructor => constructor.GetParameters().Any(parameter => RejectsNull(parameter.ParameterType)));

        internal static ResultColumns For(DbDataReader reader)
        {
            if (s_last is { } last && SameNames(last.Names, reader))
                return last;
            return s_last = Find(reader);
        }

        private static bool SameNames(string[] names, DbDataReader reader)
        {
            if (names.Length != reader.FieldCount)
                return false;
            for (var i = 0; i < names.Length; i++)
            {
                if (!string.Equals(names[i], reader.GetName(i), StringComparison.Ordinal))
                    return false;
            }
            return true;
        }

        /// <summary>The columns Dapper will put into non-nullable value-type members, choosing the constructor as Dapper does.</summary>
        private static ResultColumns Find(DbDataReader reader)
        {
            var names = new string[reader.FieldCount];
            var types = new Type[reader.FieldCount];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.GetName(i);
                types[i] = reader.GetFieldType(i);
            }
            var map = SqlMapper.GetTypeMap(typeof(T));
            var constructor = map.FindExplicitConstructor() ?? map.FindConstructor(names, types);
            var byConstructor = constructor is { } found && found.GetParameters().Length > 0;
            var ordinals = new List<int>();
            var members = new List<(string, Type)>();
            for (var i = 0; i < names.Length; i++)
            {
                var member = byConstructor ? map.GetConstructorParameter(constructor!, names[i]) : map.GetMember(names[i]);
                if (member is null || !RejectsNull(member.MemberType))
                    continue;
                ordinals.Add(i);
                members.Add((member.Property?.Name ?? member.Field?.Name ?? member.Parameter?.Name ?? names[i], member.MemberType));
            }
            return new ResultColumns(names, [.. ordinals], [.. members]);
        }
    }

    private static bool RejectsNull(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null;

    private static string CSharpName(Type type) => Type.GetTypeCode(type) switch
    {
        _ when type.IsEnum => TypeNames.Display(type),
        TypeCode.Boolean => "bool",
        TypeCode.Char => "char",
        TypeCode.SByte => "sbyte",
        TypeCode.Byte => "byte",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        TypeCode.Decimal => "decimal",
        _ => TypeNames.Display(type),
    };
}
