using System.Text.RegularExpressions;

namespace Aksara.Migrations.Running;

/// <summary>
/// How the runner reads names and literals in the scripts and queries it inspects: a PostgreSQL identifier (quoted or
/// not), a qualified one, and string literals to mask before a query of another session is shown to anyone.
/// </summary>
internal static partial class SqlNames
{
    public const string Identifier = @"(?:""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)";

    public const string Qualified = Identifier + @"(?:\s*\.\s*" + Identifier + ")?";

    /// <summary><c>"My ""Table"""</c> → <c>My "Table"</c>; an unquoted name folds to lower case, as PostgreSQL folds it.</summary>
    public static string Unquote(string identifier) =>
        identifier.StartsWith('"') ? identifier[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : identifier.ToLowerInvariant();

    /// <summary>The parts of a possibly qualified name: <c>sales."Orders"</c> → (<c>sales</c>, <c>Orders</c>).</summary>
    public static (string? Schema, string Name) Split(string qualified)
    {
        var parts = IdentifierPattern().Matches(qualified).Select(match => Unquote(match.Value)).ToList();
        return parts.Count == 2 ? (parts[0], parts[1]) : (null, parts[^1]);
    }

    /// <summary>
    /// The query with every string literal replaced by <c>'…'</c>: another session's query may hold a password
    /// (<c>ALTER ROLE … PASSWORD '…'</c>) or personal data, and it ends up in CI logs.
    /// </summary>
    public static string MaskLiterals(string query) =>
        LiteralPattern().Replace(query, match => match.Value.StartsWith('"') ? match.Value : "'…'");

    [GeneratedRegex(Identifier)]
    private static partial Regex IdentifierPattern();

    // A quoted identifier (kept: a quote inside it starts nothing), a standard literal ('it''s'), an escape literal
    // (E'a\'b') and a dollar-quoted body ($x$ … $x$); an unterminated literal runs to the end.
    [GeneratedRegex(@"""(?:[^""]|"""")*""|[Ee]'(?:[^'\\]|\\.|'')*(?:'|$)|'(?:[^']|'')*(?:'|$)|\$(?<tag>[A-Za-z_]*)\$.*?(?:\$\k<tag>\$|$)", RegexOptions.Singleline)]
    private static partial Regex LiteralPattern();
}
