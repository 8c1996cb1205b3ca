using System.Text.RegularExpressions;

namespace Aksara.Migrations.Schema;

/// <summary>
/// Recognises a column default PostgreSQL must evaluate once per row. Since PostgreSQL 11 a new column with a constant or
/// stable default (<c>0</c>, <c>'{}'</c>, <c>now()</c>) is added without touching the rows; a volatile one
/// (<c>gen_random_uuid()</c>, <c>clock_timestamp()</c>, a sequence) makes <c>ADD COLUMN</c> rewrite the whole table
/// under ACCESS EXCLUSIVE. Only the volatile functions PostgreSQL and its common extensions ship are known; a function of
/// your own is taken at its word.
/// </summary>
internal static partial class VolatileDefaults
{
    public static bool IsVolatile(string? expression) => expression is not null && Pattern().IsMatch(expression);

    [GeneratedRegex(@"\b(?:gen_random_uuid|uuidv4|uuidv7|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|gen_random_bytes|random|random_normal|clock_timestamp|timeofday|nextval|txid_current|pg_current_xact_id)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
