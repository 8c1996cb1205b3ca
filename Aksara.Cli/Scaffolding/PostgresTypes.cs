using System.Text.RegularExpressions;

namespace Aksara.Cli.Scaffolding;

/// <summary>
/// PostgreSQL types (as <c>format_type</c> spells them) to the CLR types Npgsql reads them as, with the facets the
/// model needs to reproduce them. Types Aksara maps by convention (docs/models.md) need no explicit type; the others
/// Npgsql maps (<c>tsvector</c>, <c>inet</c>, ranges, …) get their Npgsql type and <c>[Column(Type = …)]</c>.
/// </summary>
internal static partial class PostgresTypes
{
    private static readonly Dictionary<string, ClrTypeMapping> s_conventional = new(StringComparer.Ordinal)
    {
        ["integer"] = new("int", true),
        ["bigint"] = new("long", true),
        ["smallint"] = new("short", true),
        ["boolean"] = new("bool", true),
        ["text"] = new("string", false) { Initializer = "\"\"" },
        ["uuid"] = new("Guid", true) { Namespaces = ["System"] },
        ["real"] = new("float", true),
        ["double precision"] = new("double", true),
        ["numeric"] = new("decimal", true),
        ["timestamp with time zone"] = new("DateTimeOffset", true) { Namespaces = ["System"] },
        ["date"] = new("DateOnly", true) { Namespaces = ["System"] },
        ["time without time zone"] = new("TimeOnly", true) { Namespaces = ["System"] },
        ["interval"] = new("TimeSpan", true) { Namespaces = ["System"] },
        ["bytea"] = new("byte[]", false) { Initializer = "[]" },
        ["jsonb"] = new("JsonDocument", false) { Namespaces = ["System.Text.Json"], Initializer = "JsonDocument.Parse(\"{}\")" },
    };

    /// <summary>Types Aksara has no convention for, as Npgsql reads them; each is written with its own SQL type.</summary>
    private static readonly Dictionary<string, ClrTypeMapping> s_npgsql = new(StringComparer.Ordinal)
    {
        ["json"] = new("JsonDocument", false) { Namespaces = ["System.Text.Json"], Initializer = "JsonDocument.Parse(\"{}\")" },
        ["timestamp without time zone"] = new("DateTime", true) { Namespaces = ["System"] },
        ["time with time zone"] = new("DateTimeOffset", true) { Namespaces = ["System"] },
        ["character varying"] = new("string", false) { Initializer = "\"\"" },
        ["character"] = new("string", false) { Initializer = "\"\"" },
        ["citext"] = new("string", false) { Initializer = "\"\"" },
        ["xml"] = new("string", false) { Initializer = "\"\"" },
        ["name"] = new("string", false) { Initializer = "\"\"" },
        ["money"] = new("decimal", true),
        ["oid"] = new("uint", true),
        ["xid"] = new("uint", true),
        ["tsvector"] = new("NpgsqlTsVector", false) { Namespaces = ["NpgsqlTypes"], Initializer = "NpgsqlTsVector.Parse(\"\")" },
        ["tsquery"] = new("NpgsqlTsQuery", false) { Namespaces = ["NpgsqlTypes"], Initializer = "null!" },
        ["inet"] = new("IPAddress", false) { Namespaces = ["System.Net"], Initializer = "IPAddress.None" },
        ["cidr"] = new("NpgsqlCidr", true) { Namespaces = ["NpgsqlTypes"] },
        ["macaddr"] = new("PhysicalAddress", false) { Namespaces = ["System.Net.NetworkInformation"], Initializer = "PhysicalAddress.None" },
        ["macaddr8"] = new("PhysicalAddress", false) { Namespaces = ["System.Net.NetworkInformation"], Initializer = "PhysicalAddress.None" },
        ["bit varying"] = new("BitArray", false) { Namespaces = ["System.Collections"], Initializer = "new(0)" },
        ["bit"] = new("BitArray", false) { Namespaces = ["System.Collections"], Initializer = "new(0)" },
        ["point"] = new("NpgsqlPoint", true) { Namespaces = ["NpgsqlTypes"] },
        ["box"] = new("NpgsqlBox", true) { Namespaces = ["NpgsqlTypes"] },
        ["circle"] = new("NpgsqlCircle", true) { Namespaces = ["NpgsqlTypes"] },
        ["line"] = new("NpgsqlLine", true) { Namespaces = ["NpgsqlTypes"] },
        ["lseg"] = new("NpgsqlLSeg", true) { Namespaces = ["NpgsqlTypes"] },
        ["int4range"] = new("NpgsqlRange<int>", true) { Namespaces = ["NpgsqlTypes"] },
        ["int8range"] = new("NpgsqlRange<long>", true) { Namespaces = ["NpgsqlTypes"] },
        ["numrange"] = new("NpgsqlRange<decimal>", true) { Namespaces = ["NpgsqlTypes"] },
        ["daterange"] = new("NpgsqlRange<DateOnly>", true) { Namespaces = ["NpgsqlTypes", "System"] },
        ["tsrange"] = new("NpgsqlRange<DateTime>", true) { Namespaces = ["NpgsqlTypes", "System"] },
        ["tstzrange"] = new("NpgsqlRange<DateTime>", true) { Namespaces = ["NpgsqlTypes", "System"] },
    };

    /// <summary>
    /// The mapping of <paramref name="sqlType"/>, or null when Npgsql has no CLR type for it. Enum and domain types are
    /// resolved by the caller first; <paramref name="resolveNamed"/> is asked for them (and for array elements).
    /// </summary>
    public static ClrTypeMapping? Map(string sqlType, Func<string, ClrTypeMapping?> resolveNamed)
    {
        if (sqlType.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = Map(sqlType[..^2], resolveNamed);
            if (element is null || element.TypeName.EndsWith("[]", StringComparison.Ordinal))
                return null;
            var array = new ClrTypeMapping(element.TypeName + "[]", false, element.ExplicitType is null ? null : sqlType) { Namespaces = element.Namespaces, Initializer = "[]" };
            // An array of a conventional scalar with facets (varchar(20)[]) needs the whole type spelled out.
            return element.MaxLength > 0 || element.Precision > 0 ? array.WithExplicitType(sqlType) : array;
        }
        if (s_conventional.TryGetValue(sqlType, out var conventional))
            return conventional;
        if (resolveNamed(sqlType) is { } named)
            return named;
        var match = Modified().Match(sqlType);
        if (match.Success)
        {
            var baseType = match.Groups["base"].Value + match.Groups["suffix"].Value;
            var modifiers = match.Groups["mods"].Value.Split(',', StringSplitOptions.TrimEntries);
            switch (baseType)
            {
                case "character varying":
                    return new ClrTypeMapping("string", false, MaxLength: int.Parse(modifiers[0])) { Initializer = "\"\"" };
                case "numeric" when modifiers.Length == 2:
                    return new ClrTypeMapping("decimal", true, Precision: int.Parse(modifiers[0]), Scale: int.Parse(modifiers[1]));
            }
            var unmodified = match.Groups["base"].Value + match.Groups["suffix"].Value;
            var mapped = s_conventional.GetValueOrDefault(unmodified) ?? s_npgsql.GetValueOrDefault(unmodified);
            return mapped?.WithExplicitType(sqlType);
        }
        return s_npgsql.TryGetValue(sqlType, out var npgsql) ? npgsql.WithExplicitType(sqlType) : null;
    }

    // character varying(20), numeric(10,2), timestamp(3) with time zone, bit(8)
    [GeneratedRegex(@"^(?<base>[a-z ]+?)\((?<mods>[0-9, ]+)\)(?<suffix>( with(out)? time zone)?)$")]
    private static partial Regex Modified();
}
