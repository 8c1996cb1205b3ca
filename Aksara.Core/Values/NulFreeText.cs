namespace Aksara.Values;

/// <summary>
/// PostgreSQL text (and jsonb strings) cannot hold U+0000. The server would reject the whole statement with an
/// encoding error that names neither the column nor the cause; checking before sending lets the error say both.
/// </summary>
internal static class NulFreeText
{
    internal static string Ensure(string value, string description)
    {
        // IndexOf(char) is vectorized: a few nanoseconds per kilobyte, even for megabyte strings.
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new AksaraValueException(description, Rule,
                "the text contains the NUL character (U+0000), which PostgreSQL text cannot store. Remove it (e.g. value.Replace(\"\\0\", \"\")) or store the data as byte[] (bytea).");
        return value;
    }

    /// <summary>Checks every element of a text array or list; null elements are NULL, which is storable.</summary>
    internal static TCollection EnsureAll<TCollection>(TCollection values, string description) where TCollection : IEnumerable<string?>
    {
        foreach (var value in values)
        {
            if (value is not null)
                Ensure(value, description);
        }
        return values;
    }

    /// <summary>JSON text about to be stored as jsonb, which refuses a <c>\u0000</c> escape as text refuses the character.</summary>
    internal static string EnsureJson(string json, string description)
    {
        if (ContainsEscapedNul(json))
            throw new AksaraValueException(description, Rule, "the JSON contains a string with the NUL character (U+0000), which PostgreSQL jsonb cannot store. Remove it before saving.");
        return json;
    }

    private const string Rule = "text cannot contain the NUL character (U+0000)";

    /// <summary>True when JSON text has a <c>\u0000</c> escape (one not itself preceded by an escaping backslash).</summary>
    private static bool ContainsEscapedNul(string json)
    {
        for (var at = json.IndexOf("\\u0000", StringComparison.Ordinal); at >= 0; at = json.IndexOf("\\u0000", at + 1, StringComparison.Ordinal))
        {
            var backslashes = 0;
            for (var i = at - 1; i >= 0 && json[i] == '\\'; i--)
                backslashes++;
            if (backslashes % 2 == 0)
                return true;
        }
        return false;
    }
}
