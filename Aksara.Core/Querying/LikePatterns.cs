using System.Text;

namespace Aksara.Querying;

/// <summary>
/// LIKE patterns for StartsWith/EndsWith/Contains: the value is matched literally, so its <c>%</c>, <c>_</c> and
/// <c>\</c> are escaped (with <c>\</c>, named in the statement as <c>ESCAPE '\'</c>) before the wildcard is added.
/// </summary>
internal static class LikePatterns
{
    internal const string EscapeClause = " ESCAPE '\\'";

    internal static string StartsWith(string value) => Escape(value) + "%";

    internal static string EndsWith(string value) => "%" + Escape(value);

    internal static string Contains(string value) => "%" + Escape(value) + "%";

    internal static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny('%', '_', '\\') < 0)
            return value;
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '%' or '_' or '\\')
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
