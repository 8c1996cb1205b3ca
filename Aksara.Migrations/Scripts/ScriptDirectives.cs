namespace Aksara.Migrations.Scripts;

/// <summary>Instructions a script gives the runner in its header (the comment lines before the first statement).</summary>
internal static class ScriptDirectives
{
    public const string NoTransaction = "aksara:no-transaction";

    /// <summary>Marks a script (in its header) or a statement (in the comment before it) that deletes data.</summary>
    public const string Destructive = "aksara:destructive";

    /// <summary>Marks a script that rewrites a table holding rows under ACCESS EXCLUSIVE (written with <c>--allow-rewrite</c>).</summary>
    public const string RewritesTable = "aksara:rewrites-table";

    /// <summary>Marks an up script that has no way back, whether or not a down script stands beside it.</summary>
    public const string Irreversible = "aksara:irreversible";

    /// <summary>
    /// <c>-- aksara:depends-on auth:0001_initial</c>: the migrations of modules this one needs applied first (it references
    /// their tables). <c>makemigrations</c> writes it in an application's migration with a foreign key into a module's table.
    /// </summary>
    public const string DependsOn = "aksara:depends-on";

    /// <summary>
    /// <c>-- aksara:tables auth.users, auth.sessions</c>: the tables a module's migration creates, changes or references.
    /// <c>makemigrations</c> writes it in a module's migrations, so that an application using only some of the module's
    /// models takes only the migrations of those.
    /// </summary>
    public const string Tables = "aksara:tables";

    /// <summary>The comma-separated values of the header line <c>-- <paramref name="directive"/> a, b</c>; empty when there is none.</summary>
    public static IReadOnlyList<string> HeaderValues(string script, string directive)
    {
        foreach (var line in HeaderLines(script))
        {
            var text = line.TrimStart('-').Trim();
            if (text.StartsWith(directive + " ", StringComparison.OrdinalIgnoreCase))
                return text[directive.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        return [];
    }

    /// <summary>True when the script's header has the line <c>-- <paramref name="directive"/> …</c>.</summary>
    public static bool HasHeaderValues(string script, string directive) =>
        HeaderLines(script).Any(line => line.TrimStart('-').Trim().StartsWith(directive + " ", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when a header line is <c>-- aksara:no-transaction</c>: the script then runs outside a transaction, as
    /// <c>CREATE INDEX CONCURRENTLY</c> and <c>ALTER TYPE … ADD VALUE</c> (before PostgreSQL 12) require.
    /// </summary>
    public static bool IsNoTransaction(string script) => HasHeaderDirective(script, NoTransaction);

    /// <summary>True when the author marked the script <c>-- aksara:irreversible</c> in its header.</summary>
    public static bool IsIrreversible(string script) => HasHeaderDirective(script, Irreversible);

    /// <summary>
    /// True when the script deletes data: its header says <c>-- aksara:destructive</c>, or a statement is preceded by
    /// <c>-- aksara:destructive: …</c> (as makemigrations writes before every drop and narrowing change).
    /// </summary>
    public static bool IsDestructive(string script) => DestructiveSteps(script).Any() || HasHeaderDirective(script, Destructive);

    /// <summary>What each <c>-- aksara:destructive: …</c> comment of the script says (<c>Drop column customers.phone and its data</c>).</summary>
    public static IEnumerable<string> DestructiveSteps(string script)
    {
        using var reader = new StringReader(script);
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (!text.StartsWith("--", StringComparison.Ordinal))
                continue;
            text = text.TrimStart('-').Trim();
            if (text.StartsWith(Destructive + ":", StringComparison.OrdinalIgnoreCase))
                yield return text[(Destructive.Length + 1)..].Trim();
        }
    }

    private static bool HasHeaderDirective(string script, string directive)
    {
        foreach (var line in HeaderLines(script))
        {
            var text = line.TrimStart('-').Trim();
            if (text.Equals(directive, StringComparison.OrdinalIgnoreCase))
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
