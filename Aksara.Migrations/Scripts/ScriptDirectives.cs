namespace Aksara.Migrations.Scripts;

/// <summary>Instructions a script gives the runner in its header (the comment lines before the first statement).</summary>
internal static class ScriptDirectives
{
    public const string NoTransaction = "aksara:no-transaction";

    /// <summary>
    /// True when a header line is <c>-- aksara:no-transaction</c>: the script then runs outside a transaction, as
    /// <c>CREATE INDEX CONCURRENTLY</c> and <c>ALTER TYPE … ADD VALUE</c> (before PostgreSQL 12) require.
    /// </summary>
    public static bool IsNoTransaction(string script)
    {
        foreach (var line in HeaderLines(script))
        {
            var text = line.TrimStart('-').Trim();
            if (text.Equals(NoTransaction, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static IEnumerable<string> HeaderLines(string script)
    {
        using var reader = new StringReader(script);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
                continue;
            if (!trimmed.StartsWith("--", StringComparison.Ordinal))
                yield break;
            yield return trimmed;
        }
    }
}
