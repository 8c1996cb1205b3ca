using System.Reflection;
using System.Text;
using Aksara.Values;

namespace Aksara.Models.Mapping;

/// <summary>
/// A PostgreSQL enum type declared by <see cref="PgEnumAttribute"/> on a C# enum. <see cref="SqlName"/> is the name as
/// <c>format_type</c> spells it (so the snapshot, the DDL and the catalog agree): unqualified in <c>public</c>, quoted only
/// where PostgreSQL would quote it.
/// </summary>
internal sealed record PgEnumType(Type ClrType, string Schema, string Name, IReadOnlyList<string> Labels)
{
    public string SqlName => SqlNameOf(Schema, Name);

    /// <summary>How a column of the enum type <paramref name="schema"/>.<paramref name="name"/> spells its type.</summary>
    internal static string SqlNameOf(string schema, string name) =>
        schema == "public" ? QuoteIfNeeded(name) : $"{QuoteIfNeeded(schema)}.{QuoteIfNeeded(name)}";

    /// <summary>The type <paramref name="enumType"/> declares with <c>[PgEnum]</c>, or null for an enum stored as text.</summary>
    internal static PgEnumType? Of(Type enumType) =>
        enumType.IsEnum && enumType.GetCustomAttribute<PgEnumAttribute>() is { } attribute
            ? new PgEnumType(enumType, attribute.Schema ?? "public", attribute.Name, EnumText.Labels(enumType))
            : null;

    private static string QuoteIfNeeded(string identifier)
    {
        var plain = identifier.Length > 0 && (char.IsAsciiLetterLower(identifier[0]) || identifier[0] == '_')
            && identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
        return plain ? identifier : new StringBuilder("\"").Append(identifier.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
