using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Aksara.Models;
using NpgsqlTypes;

namespace Aksara.Values;

/// <summary>
/// Enums are stored as text (or as a PostgreSQL enum, whose values are text too), never as numbers, and read back from
/// text, with an error that names the enum when the text is none of its labels. The rule, for properties, arrays and
/// one-column results alike: a member's label is Npgsql's <c>[PgName("…")]</c> on it, else its name; text reads as the
/// member whose label it is exactly, else whose name it is ignoring case (as Dapper's own <c>Enum.Parse(type, text, true)</c>).
/// </summary>
internal static class EnumText
{
    private static readonly ConcurrentDictionary<Type, LabelTable> s_tables = new();

    /// <summary>The members <paramref name="value"/> (<c>text[]</c>, or jsonb text; not NULL) names.</summary>
    internal static TEnum[] Parse<TEnum>(object value) where TEnum : struct, Enum
    {
        if (value is string json)
            return JsonbText.Deserialize<TEnum[]>(json) ?? [];
        if (value is not string[] names)
            throw new InvalidCastException($"Cannot read a {value.GetType().Name} as {TypeNames.Display(typeof(TEnum[]))}; enum arrays are stored as text[].");
        var result = new TEnum[names.Length];
        for (var i = 0; i < names.Length; i++)
            result[i] = TryParseName<TEnum>(names[i], out var parsed) ? parsed : throw UnknownName(typeof(TEnum), names[i], column: null);
        return result;
    }

    /// <summary>Whether <paramref name="text"/> is the label or the name of a member of <typeparamref name="TEnum"/>, and which.</summary>
    internal static bool TryParseName<TEnum>(string text, out TEnum member) where TEnum : struct, Enum
    {
        if (EnumText<TEnum>.TryParseLabel(text, out member))
            return true;
        return Enum.TryParse(text, ignoreCase: true, out member);
    }

    /// <inheritdoc cref="TryParseName{TEnum}(string, out TEnum)"/>
    internal static bool TryParseName(Type enumType, string text, out object? member)
    {
        if (Table(enumType).ByLabel.TryGetValue(text, out var labelled))
        {
            member = labelled;
            return true;
        }
        return Enum.TryParse(enumType, text, ignoreCase: true, out member);
    }

    /// <summary>The labels of <paramref name="enumType"/>'s members in the order of their values (a PostgreSQL enum's sort order).</summary>
    internal static IReadOnlyList<string> Labels(Type enumType) => Table(enumType).Labels;

    /// <summary>True when some member of <paramref name="enumType"/> has a label that is not its name (<c>[PgName]</c>).</summary>
    internal static bool HasOwnLabels(Type enumType) => Table(enumType).HasOwnLabels;

    /// <summary>
    /// The member's name for a label (<c>"PG-13"</c> → <c>"Pg13"</c>), for readers that parse names only (Dapper's
    /// <c>Enum.Parse</c>); any other text unchanged.
    /// </summary>
    internal static string NameOfLabel(Type enumType, string text) => Table(enumType).NameByLabel.GetValueOrDefault(text, text);

    /// <summary>
    /// Reads the first column, of text, as <paramref name="enumType"/> by label (<c>FetchAsync&lt;Colour&gt;("SELECT 'Green'")</c>):
    /// null for NULL, <see cref="UnknownName"/> naming <paramref name="column"/> for text that is no member's label or name.
    /// </summary>
    internal static Func<DbDataReader, object?> FirstColumnByName(Type enumType, string column) => row =>
    {
        if (row.GetValue(0) is not string text)
            return null;
        return TryParseName(enumType, text, out var member) ? member : throw UnknownName(enumType, text, column);
    };

    internal static AksaraException UnknownName(Type enumType, string text, string? column, Exception? inner = null) =>
        new($"{(column is null ? "The database" : $"Column \"{column}\"")} holds '{text}', which is not a name of enum {TypeNames.Display(enumType)} " +
            $"({string.Join(", ", Labels(enumType))}). Update the rows to a valid name, or add the missing member to the enum.", inner);

    /// <summary>The members of <paramref name="enumType"/> with their labels, first declared first among members of one value.</summary>
    internal static IEnumerable<(FieldInfo Field, object Value, string Label)> Members(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (Field: field, Value: field.GetValue(null)!, Label: field.GetCustomAttribute<PgNameAttribute>()?.PgName ?? field.Name))
            .OrderBy(member => Convert.ToDecimal(Convert.ChangeType(member.Value, Enum.GetUnderlyingType(enumType), null), null))
            .DistinctBy(member => member.Value);

    private static LabelTable Table(Type enumType) => s_tables.GetOrAdd(enumType, static type =>
    {
        // Two members with one label are a model-build error for [PgEnum]; elsewhere the first declared reads back.
        var members = Members(type).DistinctBy(member => member.Label, StringComparer.Ordinal).ToList();
        return new LabelTable(
            Members(type).Select(member => member.Label).ToArray(),
            members.ToDictionary(member => member.Label, member => member.Value, StringComparer.Ordinal),
            members.Where(member => member.Label != member.Field.Name).ToDictionary(member => member.Label, member => member.Field.Name, StringComparer.Ordinal));
    });

    private sealed record LabelTable(string[] Labels, Dictionary<string, object> ByLabel, Dictionary<string, string> NameByLabel)
    {
        public bool HasOwnLabels => NameByLabel.Count > 0;
    }
}

/// <summary>The labels of <typeparamref name="TEnum"/>'s members, looked up once rather than formatted per value.</summary>
internal static class EnumText<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> s_labels = EnumText.Members(typeof(TEnum)).ToDictionary(member => (TEnum)member.Value, member => member.Label);

    private static readonly Dictionary<string, TEnum> s_byLabel = s_labels.DistinctBy(pair => pair.Value, StringComparer.Ordinal)
        .ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    // Flags combinations and undefined numbers are not in the table; ToString gives "A, B" or the number, as Enum.Parse reads them back.
    internal static string Of(TEnum value) => s_labels.TryGetValue(value, out var label) ? label : value.ToString();

    internal static bool TryParseLabel(string text, out TEnum member) => s_byLabel.TryGetValue(text, out member);

    internal static string[] All(IEnumerable<TEnum> values)
    {
        var names = new List<string>();
        foreach (var value in values)
            names.Add(Of(value));
        return [.. names];
    }
}
