namespace Aksara;

/// <summary>
/// PostgreSQL text (and jsonb strings) cannot hold U+0000. The server would reject the whole statement with an
/// encoding error that names neither the column nor the cause; checking here lets the error say both.
/// </summary>
internal static class TextValues
{
    internal static string EnsureStorable(string value, string description)
    {
        // IndexOf(char) is vectorized: a few nanoseconds per kilobyte, even for megabyte strings.
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException(NulMessage(description));
        return value;
    }

    internal static string NulMessage(string description) =>
        $"{description}: the text contains the NUL character (U+0000), which PostgreSQL text cannot store. " +
        "Remove it (e.g. value.Replace(\"\\0\", \"\")) or store the data as byte[] (bytea).";

    /// <summary>True when JSON text has a <c>\u0000</c> escape (one not itself preceded by an escaping backslash).</summary>
    internal static bool ContainsEscapedNul(string json)
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

/// <summary>Only UTC <see cref="DateTime"/> values are stored: PostgreSQL's timestamptz is an instant, and a Local or Unspecified value would be shifted by a guess.</summary>
internal static class UtcDateTimes
{
    internal static DateTime Ensure(DateTime value, string description) =>
        value.Kind == DateTimeKind.Utc ? value : throw new ArgumentException(Message(value, description));

    internal static string Message(DateTime value, string description) =>
        $"{description}: DateTime values must be UTC, got Kind={value.Kind} ({value:O}). Aksara stores DateTime as timestamptz and does not guess " +
        "time zones: pass value.ToUniversalTime() (for Local), DateTime.SpecifyKind(value, DateTimeKind.Utc) (for a UTC value of unknown kind), or a DateTimeOffset.";
}

/// <summary>Enum names, looked up once: enum values are stored as the text of their names.</summary>
internal static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> s_names = Enum.GetValues<TEnum>().Distinct().ToDictionary(value => value, value => value.ToString());

    // Flags combinations and undefined numbers are not in the table; ToString gives "A, B" or the number, as Enum.Parse reads them back.
    internal static string Of(TEnum value) => s_names.TryGetValue(value, out var name) ? name : value.ToString();
}
