using System.Text.Json;

namespace Aksara.Values;

/// <summary>
/// jsonb ↔ CLR values through System.Text.Json with <see cref="AksaraJson.Options"/>, the one serialization every
/// path that sends jsonb (CRUD, COPY, positional and named parameters) and every path that reads it uses.
/// </summary>
internal static class JsonbText
{
    internal static string Serialize<T>(T value, string description)
    {
        if (value is JsonElement { ValueKind: JsonValueKind.Undefined })
            throw new AksaraValueException(description, "a JsonElement must hold JSON", "the JsonElement is default(JsonElement), which holds no JSON. Assign a parsed element, or make the property JsonElement? to store NULL.");
        return NulFreeText.EnsureJson(JsonSerializer.Serialize(value, AksaraJson.Options), description);
    }

    /// <summary>A jsonb value (not NULL) as Npgsql reads it untyped (its text), or a value of another type converted through JSON.</summary>
    internal static T? Deserialize<T>(object value) => value switch
    {
        string json => JsonSerializer.Deserialize<T>(json, AksaraJson.Options),
        T already => already,
        _ => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToElement(value, AksaraJson.Options), AksaraJson.Options),
    };
}
