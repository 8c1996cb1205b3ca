namespace Aksara.Migrations.Running;

/// <summary>One statement of a script and where it starts in the script, so that an error can name the script's line.</summary>
internal sealed record ScriptStatement(string Sql, int Offset)
{
    /// <summary>
    /// Places the statements DbUp's splitter cut out of <paramref name="script"/>: each is searched for after the previous
    /// one. A statement the splitter rewrote (and so cannot be found) gets offset -1.
    /// </summary>
    public static IReadOnlyList<ScriptStatement> Locate(string script, IEnumerable<string> statements)
    {
        var located = new List<ScriptStatement>();
        var cursor = 0;
        foreach (var statement in statements)
        {
            var offset = script.IndexOf(statement, cursor, StringComparison.Ordinal);
            located.Add(new ScriptStatement(statement, offset));
            if (offset >= 0)
                cursor = offset + statement.Length;
        }
        return located;
    }

    /// <summary>The 1-based line of <paramref name="script"/> at the 1-based character <paramref name="position"/> of this statement (0: its start).</summary>
    public int? LineIn(string script, int position)
    {
        if (Offset < 0)
            return null;
        var at = Math.Min(script.Length, Offset + Math.Max(0, position - 1));
        var line = 1;
        for (var i = 0; i < at; i++)
        {
            if (script[i] == '\n')
                line++;
        }
        return line;
    }
}
