namespace Aksara.Migrations.Schema;

/// <summary>
/// Knowledge about PostgreSQL types that the differ needs: one canonical spelling per type (so that <c>int4</c>,
/// <c>integer</c> and <c>format_type</c>'s output compare equal), which conversions can lose data, and which
/// index methods need an extension for a column of the type.
/// </summary>
internal static class SqlTypes
{
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["int"] = "integer", ["int4"] = "integer", ["int2"] = "smallint", ["int8"] = "bigint",
        ["serial4"] = "serial", ["serial8"] = "bigserial", ["serial2"] = "smallserial",
        ["bool"] = "boolean", ["float4"] = "real", ["float8"] = "double precision", ["float"] = "double precision",
        ["decimal"] = "numeric", ["character varying"] = "varchar", ["char varying"] = "varchar",
        ["character"] = "char", ["bpchar"] = "char",
        ["timestamp with time zone"] = "timestamptz", ["timestamp without time zone"] = "timestamp",
        ["time with time zone"] = "timetz", ["time without time zone"] = "time", ["bit varying"] = "varbit",
    };

    // Rank of the integer-like types: a conversion to an equal or higher rank keeps every value.
    private static readonly Dictionary<string, int> s_integerRank = new(StringComparer.Ordinal)
    {
        ["smallint"] = 1, ["integer"] = 2, ["bigint"] = 3,
    };

    private static readonly HashSet<string> s_textTypes = new(StringComparer.Ordinal) { "text", "varchar", "citext" };

    // Types GIN indexes natively (default operator classes shipped with PostgreSQL).
    private static readonly HashSet<string> s_ginNative = new(StringComparer.Ordinal) { "jsonb", "tsvector" };

    // Types GiST indexes natively.
    private static readonly HashSet<string> s_gistNative = new(StringComparer.Ordinal)
    {
        "tsvector", "tsquery", "box", "circle", "point", "polygon",
        "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange",
        "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange",
    };

    /// <summary>The canonical spelling: lower case, short names (<c>timestamptz</c>, <c>varchar(200)</c>, <c>integer[]</c>).</summary>
    public static string Normalize(string type)
    {
        var parsed = SqlType.Parse(type);
        var name = string.Join(' ', parsed.Base.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (s_aliases.TryGetValue(name, out var canonical))
            name = canonical;
        return (parsed with { Base = name }).ToString();
    }

    /// <summary>
    /// True when converting a column from <paramref name="from"/> to <paramref name="to"/> can lose or reject existing
    /// values (a shorter varchar, fewer digits, a smaller integer, text to a number). Unknown conversions count as narrowing.
    /// </summary>
    public static bool IsNarrowing(string from, string to)
    {
        var source = SqlType.Parse(Normalize(from));
        var target = SqlType.Parse(Normalize(to));
        if (source.ArrayDimensions != target.ArrayDimensions)
            return true;
        return !Widens(source.Element, target.Element);
    }

    private static bool Widens(SqlType source, SqlType target)
    {
        if (source == target)
            return true;
        if (s_textTypes.Contains(target.Base) && target.Modifiers.Count == 0 && target.Base != "citext")
            return true; // every type has a text form
        if (source.Base == "varchar" && target.Base == "varchar")
            return source.Modifiers.Count > 0 && target.Modifiers.Count > 0 && target.Modifiers[0] >= source.Modifiers[0];
        if (source.Base == "char" && target.Base is "varchar" or "char")
            return target.Modifiers.Count == 0 || (source.Modifiers.Count > 0 && target.Modifiers[0] >= source.Modifiers[0]);
        if (s_integerRank.TryGetValue(source.Base, out var sourceRank))
        {
            if (s_integerRank.TryGetValue(target.Base, out var targetRank))
                return targetRank >= sourceRank;
            if (target.Base == "numeric")
                return target.Modifiers.Count == 0 || IntegerDigits(target) >= new[] { 0, 5, 10, 19 }[sourceRank];
            return target.Base == "double precision" && sourceRank <= 2;
        }
        if (source.Base == "numeric" && target.Base == "numeric")
        {
            if (target.Modifiers.Count == 0)
                return true;
            if (source.Modifiers.Count == 0)
                return false;
            return IntegerDigits(target) >= IntegerDigits(source) && Scale(target) >= Scale(source);
        }
        if (source.Base == "real" && target.Base == "double precision")
            return true;
        if (source.Base is "timestamp" && target.Base is "timestamptz")
            return true;
        if (source.Base is "date" && target.Base is "timestamp" or "timestamptz")
            return true;
        return false;
    }

    /// <summary>
    /// True when <c>ALTER COLUMN … TYPE</c> from <paramref name="from"/> to <paramref name="to"/> rewrites the table (and its
    /// indexes) under ACCESS EXCLUSIVE. PostgreSQL skips the rewrite only for binary-compatible changes that cannot reject a
    /// value: a longer or unbounded varchar, varchar to text, more digits before the point of a numeric of the same scale.
    /// </summary>
    public static bool ChangeRewritesTable(string from, string to)
    {
        var source = SqlType.Parse(Normalize(from));
        var target = SqlType.Parse(Normalize(to));
        if (source == target)
            return false;
        if (source.IsArray || target.IsArray)
            return true;
        if (source.Base == "varchar" && target.Base is "varchar" or "text")
            return target.Modifiers.Count > 0 && (source.Modifiers.Count == 0 || target.Modifiers[0] < source.Modifiers[0]);
        if (source.Base == "text" && target.Base == "varchar")
            return target.Modifiers.Count > 0;
        if (source.Base == "numeric" && target.Base == "numeric")
            return target.Modifiers.Count > 0 && (source.Modifiers.Count == 0 || Scale(source) != Scale(target) || target.Modifiers[0] < source.Modifiers[0]);
        return true;
    }

    private static int Scale(SqlType numeric) => numeric.Modifiers.Count > 1 ? numeric.Modifiers[1] : 0;

    private static int IntegerDigits(SqlType numeric) => numeric.Modifiers[0] - Scale(numeric);

    /// <summary>
    /// A value of <paramref name="type"/> for rows that must get one but have none to give (a NOT NULL column re-created by a
    /// down script): the type's zero or empty value, or null for a type without an obvious one.
    /// </summary>
    public static string? Placeholder(string type)
    {
        var parsed = SqlType.Parse(Normalize(type));
        if (parsed.IsArray)
            return "'{}'";
        return parsed.Base switch
        {
            "text" or "varchar" or "char" or "citext" or "bytea" or "tsvector" => "''",
            "smallint" or "integer" or "bigint" or "numeric" or "real" or "double precision" or "money" => "0",
            "boolean" => "false",
            "uuid" => "'00000000-0000-0000-0000-000000000000'",
            "timestamptz" or "timestamp" or "date" => "'epoch'",
            "time" or "timetz" => "'00:00'",
            "interval" => "'0'",
            "jsonb" or "json" => "'{}'",
            _ => null,
        };
    }

    /// <summary>
    /// The extension an index of <paramref name="method"/> on a column of <paramref name="type"/> needs, or null:
    /// GIN and GiST index plain scalars only through <c>btree_gin</c> / <c>btree_gist</c>.
    /// </summary>
    public static string? ExtensionFor(IndexMethod method, string type)
    {
        var parsed = SqlType.Parse(Normalize(type));
        return method switch
        {
            IndexMethod.Gin when !parsed.IsArray && !s_ginNative.Contains(parsed.Base) => "btree_gin",
            IndexMethod.Gist when !parsed.IsArray && !s_gistNative.Contains(parsed.Base) => "btree_gist",
            _ => null,
        };
    }
}
