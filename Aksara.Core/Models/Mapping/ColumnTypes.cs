using System.Text.Json;
using System.Text.Json.Nodes;
using NpgsqlTypes;

namespace Aksara.Models.Mapping;

/// <summary>The type table of docs/models.md: which PostgreSQL type a property type maps to.</summary>
internal static class ColumnTypes
{
    private static readonly Dictionary<Type, ColumnType> s_scalars = new()
    {
        [typeof(Guid)] = new("uuid", NpgsqlDbType.Uuid, ValueKind.Plain),
        [typeof(string)] = new("text", NpgsqlDbType.Text, ValueKind.Text),
        [typeof(bool)] = new("boolean", NpgsqlDbType.Boolean, ValueKind.Plain),
        [typeof(short)] = new("smallint", NpgsqlDbType.Smallint, ValueKind.Plain),
        [typeof(int)] = new("integer", NpgsqlDbType.Integer, ValueKind.Plain),
        [typeof(long)] = new("bigint", NpgsqlDbType.Bigint, ValueKind.Plain),
        [typeof(decimal)] = new("numeric", NpgsqlDbType.Numeric, ValueKind.Plain),
        [typeof(float)] = new("real", NpgsqlDbType.Real, ValueKind.Plain),
        [typeof(double)] = new("double precision", NpgsqlDbType.Double, ValueKind.Plain),
        [typeof(DateTimeOffset)] = new("timestamptz", NpgsqlDbType.TimestampTz, ValueKind.TimestampTz),
        [typeof(DateTime)] = new("timestamptz", NpgsqlDbType.TimestampTz, ValueKind.UtcDateTime),
        [typeof(DateOnly)] = new("date", NpgsqlDbType.Date, ValueKind.Plain),
        [typeof(TimeOnly)] = new("time", NpgsqlDbType.Time, ValueKind.Plain),
        [typeof(TimeSpan)] = new("interval", NpgsqlDbType.Interval, ValueKind.Plain),
        [typeof(byte[])] = new("bytea", NpgsqlDbType.Bytea, ValueKind.Plain),
    };

    private static readonly ColumnType s_jsonb = new("jsonb", NpgsqlDbType.Jsonb, ValueKind.Json);

    // [Jsonb] string: the string is the JSON text itself, sent and read as is.
    private static readonly ColumnType s_jsonText = new("jsonb", NpgsqlDbType.Jsonb, ValueKind.Text);

    /// <summary>Scalar CLR types that map to a PostgreSQL type (enums aside): also the element types arrays may have.</summary>
    internal static IEnumerable<Type> ScalarTypes => s_scalars.Keys;

    /// <summary>
    /// The column type of a property of <paramref name="propertyType"/>, or null with <paramref name="problem"/> saying
    /// why there is none (null when the type is simply not in the table).
    /// </summary>
    internal static ColumnType? Resolve(Type propertyType, ColumnAttribute? column, bool jsonb, out string? problem)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        problem = null;
        var natural = jsonb
            ? type == typeof(string) ? s_jsonText : s_jsonb
            : ResolveNatural(type, column, out problem);
        if (column?.Type is not { } explicitType)
            return natural;

        explicitType = explicitType.Trim();
        if (explicitType.Length == 0)
        {
            problem = "[Column(Type = \"\")] is empty; give a PostgreSQL type or remove it";
            return null;
        }
        problem = null;
        if (natural is null)
            return new ColumnType(explicitType, null, ValueKind.PassThrough);
        // The server must resolve the parameter's type against the column: text-like values go as "unknown"
        // (so a string can fill citext, inet or a domain), JSON keeps its own type, the rest as their natural type.
        var dbType = natural switch
        {
            { Kind: ValueKind.Json } => explicitType.Equals("json", StringComparison.OrdinalIgnoreCase) ? NpgsqlDbType.Json : NpgsqlDbType.Jsonb,
            { Kind: ValueKind.Text or ValueKind.Enum, ElementType: null } => NpgsqlDbType.Unknown,
            _ => (NpgsqlDbType?)null,
        };
        return natural with { SqlType = explicitType, DbType = dbType };
    }

    /// <summary>True for the types that map to a column of their own (uuid, integer, …) and so are never stored as jsonb.</summary>
    internal static bool IsScalar(Type type) => type.IsEnum || (s_scalars.ContainsKey(type) && type != typeof(string));

    /// <summary>True for the types stored as jsonb without <c>[Jsonb]</c>: the System.Text.Json DOM and string-keyed dictionaries.</summary>
    internal static bool IsImplicitJson(Type type) =>
        type == typeof(JsonDocument) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type) || IsStringKeyedDictionary(type);

    /// <summary>The element type of a <c>T[]</c> or <c>List&lt;T&gt;</c> (not <c>byte[]</c>, which is bytea), else null.</summary>
    internal static Type? CollectionElement(Type type)
    {
        if (type.IsArray)
            return type.GetArrayRank() == 1 && type != typeof(byte[]) ? type.GetElementType() : null;
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
    }

    private static ColumnType? ResolveNatural(Type type, ColumnAttribute? column, out string? problem)
    {
        problem = null;
        if (Scalar(type, column) is { } scalar)
            return scalar;
        if (IsImplicitJson(type))
            return s_jsonb;

        if (CollectionElement(type) is { } element)
        {
            if (Nullable.GetUnderlyingType(element) is not null)
            {
                problem = $"arrays of nullable values ({TypeNames.Display(type)}) are not supported; use {TypeNames.Display(Nullable.GetUnderlyingType(element)!)}[]";
                return null;
            }
            // Outside a model column (a raw parameter, a result property) an array of [PgEnum] values is text[] of labels,
            // which SQL can cast ($1::mpaa_rating[]); a model column of them is refused at model-build time.
            if (PgEnumType.Of(element) is not null)
                return new ColumnType("text[]", NpgsqlDbType.Array | NpgsqlDbType.Text, ValueKind.Enum, element);
            if (element != typeof(byte[]) && Scalar(element, column) is { } elementType)
                return new ColumnType(elementType.SqlType + "[]", NpgsqlDbType.Array | elementType.DbType!.Value, elementType.Kind, element);
            problem = $"PostgreSQL arrays hold scalars, and {TypeNames.Display(element)} is not one";
            return null;
        }
        if (type != typeof(string) && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
            problem = $"collections map to PostgreSQL arrays only as T[] or List<T>, not {TypeNames.Display(type)}";
        return null;
    }

    private static ColumnType? Scalar(Type type, ColumnAttribute? column)
    {
        // A PostgreSQL enum refuses a text parameter; a label sent as "unknown" is resolved against the column's type.
        if (PgEnumType.Of(type) is { } enumType)
            return new ColumnType(enumType.SqlName, NpgsqlDbType.Unknown, ValueKind.Enum, EnumType: enumType);
        if (type.IsEnum)
            return new ColumnType(column is { MaxLength: > 0 } ? $"varchar({column.MaxLength})" : "text", NpgsqlDbType.Text, ValueKind.Enum);
        if (type == typeof(string) && column is { MaxLength: > 0 })
            return new ColumnType($"varchar({column.MaxLength})", NpgsqlDbType.Varchar, ValueKind.Text);
        if (type == typeof(decimal) && column is { Precision: > 0 })
            return new ColumnType($"numeric({column.Precision},{column.Scale})", NpgsqlDbType.Numeric, ValueKind.Plain);
        return s_scalars.GetValueOrDefault(type);
    }

    /// <summary>What is wrong with a [Column] facet that cannot apply to the type or is out of PostgreSQL's range; null when nothing is.</summary>
    internal static string? CheckFacets(Type propertyType, ColumnAttribute column, bool jsonb)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        var element = CollectionElement(type) ?? type;
        if (column.MaxLength < 0)
            return $"MaxLength must be positive (got {column.MaxLength})";
        if (column.MaxLength > 0 && (jsonb || (element != typeof(string) && !element.IsEnum)))
            return $"MaxLength applies to string properties, not {TypeNames.Display(type)}";
        if (column.MaxLength > 0 && PgEnumType.Of(element) is not null)
            return $"MaxLength applies to enums stored as text, not to the [PgEnum] {TypeNames.Display(element)}";
        if (column.Precision != 0 || column.Scale != 0)
        {
            if (jsonb || element != typeof(decimal))
                return $"Precision and Scale apply to decimal properties, not {TypeNames.Display(type)}";
            if (column.Precision is < 1 or > 1000)
                return $"Precision must be between 1 and 1000 (got {column.Precision}); set it together with Scale";
            if (column.Scale < 0 || column.Scale > column.Precision)
                return $"Scale must be between 0 and Precision ({column.Precision}) (got {column.Scale})";
        }
        return null;
    }

    private static bool IsStringKeyedDictionary(Type type)
    {
        if (!type.IsGenericType)
            return false;
        var definition = type.GetGenericTypeDefinition();
        return (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            && type.GetGenericArguments()[0] == typeof(string);
    }
}
