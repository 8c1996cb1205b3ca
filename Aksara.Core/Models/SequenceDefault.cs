using System.Text.RegularExpressions;

namespace Aksara.Models;

/// <summary>
/// A serial column: its default takes the next value of a sequence the column owns, <c>nextval('orders_id_seq'::regclass)</c>,
/// which is what <c>serial</c> / <c>bigserial</c> leave in the catalog and what <c>[Default]</c> says in a model of such
/// a table. The model layer treats the column as database-generated (0 means "no value", as for an identity);
/// makemigrations creates the sequence, owned by the column; the drift check wants the column to own it.
/// </summary>
internal static partial class SequenceDefault
{
    /// <summary>The sequence <paramref name="defaultSql"/> takes values from, as written (<c>orders_id_seq</c>, <c>stats.hits_id_seq</c>); null when it is no <c>nextval</c> of one sequence.</summary>
    internal static string? SequenceOf(string? defaultSql)
    {
        if (defaultSql is null)
            return null;
        var match = Pattern().Match(defaultSql);
        return match.Success ? match.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal) : null;
    }

    [GeneratedRegex(@"^\s*nextval\s*\(\s*'(?<name>(?:[^']|'')+)'(?:\s*::\s*regclass)?\s*\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
