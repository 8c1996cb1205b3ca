using System.Data.Common;
using Aksara.Models;

namespace Aksara.Values;

/// <summary>
/// Enums are stored as the text of their names, never as numbers, and read back from text, with an error that names
/// the enum when the text is none of its names. The rule, for properties, arrays and one-column results alike: the
/// text is a member's name, ignoring case (as Dapper's own <c>Enum.Parse(type, text, true)</c> for properties).
/// </summary>
internal static class EnumText
{
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

    /// <summary>Whether <paramref name="text"/> names a member of <typeparamref name="TEnum"/>, and which.</summary>
    internal static bool TryParseName<TEnum>(string text, out TEnum member) where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out member);

    /// <inheritdoc cref="TryParseName{TEnum}(string, out TEnum)"/>
    internal static bool TryParseName(Type enumType, string text, out object? member) =>
        Enum.TryParse(enumType, text, ignoreCase: true, out member);

    /// <summary>
    /// Reads the first column, of text, as <paramref name="enumType"/> by name (<c>FetchAsync&lt;Colour&gt;("SELECT 'Green'")</c>):
    /// null for NULL, <see cref="UnknownName"/> naming <paramref name="column"/> for text that is no member's name.
    /// </summary>
    internal static Func<DbDataReader, object?> FirstColumnByName(Type enumType, string column) => row =>
    {
        if (row.GetValue(0) is not string text)
            return null;
        return TryParseName(enumType, text, out var member) ? member : throw UnknownName(enumType, text, column);
    };

    internal static AksaraException UnknownName(Type enumType, string text, string? column, Exception? inner = null) =>
        new($"{(column is null ? "The database" : $"Column \"{column}\"")} holds '{text}', which is not a name of enum {TypeNames.Display(enumType)} " +
            $"({string.Join(", ", Enum.GetNames(enumType))}). Update the rows to a valid name, or add the missing member to the enum.", inner);
}

/// <summary>The names of <typeparamref name="TEnum"/>'s members, looked up once rather than formatted per value.</summary>
internal static class EnumText<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> s_names = Enum.GetValues<TEnum>().Distinct().ToDictionary(value => value, value => value.ToString());

    // Flags combinations and undefined numbers are not in the table; ToString gives "A, B" or the number, as Enum.Parse reads them back.
    internal static string Of(TEnum value) => s_names.TryGetValue(value, out var name) ? name : value.ToString();

    internal static string[] All(IEnumerable<TEnum> values)
    {
        var names = new List<string>();
        foreach (var value in values)
            names.Add(Of(value));
        return [.. names];
    }
}
