using System.Text;
using System.Text.RegularExpressions;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// Compares SQL expressions as written in a model (<c>price &gt;= 0</c>, <c>'draft'</c>) with PostgreSQL's deparsed form
/// (<c>(price &gt;= (0)::numeric)</c>, <c>'draft'::text</c>): casts, parentheses, whitespace and keyword case are ignored
/// (outside string literals and quoted identifiers, which are compared as written).
/// Loose on purpose: it is for reporting drift, not for deciding what to write.
/// </summary>
internal static partial class SqlExpressions
{
    public static bool AreEquivalent(string? expected, string? actual) =>
        expected is null || actual is null ? expected == actual : Canonical(expected) == Canonical(actual);

    public static string Canonical(string expression)
    {
        var withoutCasts = Cast().Replace(expression, "");
        var canonical = new StringBuilder();
        var inString = false;
        var inIdentifier = false;
        foreach (var c in withoutCasts)
        {
            // A quote inside "It's" starts no string literal, and a double quote inside 'say "hi"' no identifier.
            if (c == '\'' && !inIdentifier)
                inString = !inString;
            else if (c == '"' && !inString)
                inIdentifier = !inIdentifier;
            if (inString || inIdentifier || c is '\'' or '"')
            {
                canonical.Append(c);
                continue;
            }
            if (char.IsWhiteSpace(c) || c is '(' or ')')
                continue;
            canonical.Append(char.ToLowerInvariant(c));
        }
        return canonical.ToString();
    }

    [GeneratedRegex(@"::\s*(double precision|timestamp with(out)? time zone|time with(out)? time zone|character varying|bit varying|""?[A-Za-z_][A-Za-z0-9_]*""?)(\s*\([0-9,\s]*\))?(\[\])*", RegexOptions.IgnoreCase)]
    private static partial Regex Cast();
}
