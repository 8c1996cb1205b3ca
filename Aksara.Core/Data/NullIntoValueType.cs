using System.Data.Common;
using System.Reflection;
using Aksara.Models;
using Dapper;

namespace Aksara.Data;

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
        return columns.Ordinals.Length == 0 ? parse : columns.Guard(parse);
    }

    /// <summary>The columns of one result shape that fill non-nullable value-type members, and the guarded parser for it.</summary>
    private sealed class ResultColumns<T>(string[] names, int[] ordinals, (string Name, Type Type)[] members)
    {
        // Dapper caches its row parser per result shape, so the same parser comes back each time: so does its guard.
        private volatile Tuple<Func<DbDataReader, T>, Func<DbDataReader, T>>? _guarded;

        public string[] Names { get; } = names;

        public int[] Ordinals { get; } = ordinals;

        public Func<DbDataReader, T> Guard(Func<DbDataReader, T> parse)
        {
            if (_guarded is { } cached && ReferenceEquals(cached.Item1, parse))
                return cached.Item2;
            Func<DbDataReader, T> guarded = row =>
            {
                for (var i = 0; i < Ordinals.Length; i++)
                {
                    if (row.IsDBNull(Ordinals[i]))
                        throw Member(typeof(T), members[i].Name, members[i].Type, row.GetName(Ordinals[i]));
                }
                return parse(row);
            };
            _guarded = Tuple.Create(parse, guarded);
            return guarded;
        }
    }

    private static class ValueTypeMembers<T>
    {
        // The result shapes seen last, newest first: a few queries alternating on one type find theirs without reflection.
        private const int Remembered = 8;
        private static volatile ResultColumns<T>[] s_recent = [];

        internal static readonly bool Exist =
            typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(property => RejectsNull(property.PropertyType))
            || typeof(T).GetConstructors().Any(constructor => constructor.GetParameters().Any(parameter => RejectsNull(parameter.ParameterType)));

        internal static ResultColumns<T> For(DbDataReader reader)
        {
            var recent = s_recent;
            foreach (var columns in recent)
            {
                if (SameNames(columns.Names, reader))
                    return columns;
            }
            var found = Find(reader);
            s_recent = [found, .. recent.Take(Remembered - 1)];
            return found;
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
        private static ResultColumns<T> Find(DbDataReader reader)
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
            return new ResultColumns<T>(names, [.. ordinals], [.. members]);
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
