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

    /// <summary>The statement without the comments and blank lines before it (the splitter keeps them: the script's header is part of its first statement).</summary>
    public string Code => Sql[CodeStart..];

    /// <summary>
    /// The 1-based line of <paramref name="script"/> at the 1-based character <paramref name="position"/> of this
    /// statement's <see cref="Code"/> (what is sent to the server); with no position (0), the line where the code starts.
    /// </summary>
    public int? LineIn(string script, int position)
    {
        if (Offset < 0)
            return null;
        var at = Math.Min(script.Length, Offset + CodeStart + (position > 0 ? position - 1 : 0));
        var line = 1;
        for (var i = 0; i < at; i++)
        {
            if (script[i] == '\n')
                line++;
        }
        return line;
    }

    private int CodeStart
    {
        get
        {
            var i = 0;
            while (i < Sql.Length)
            {
                if (char.IsWhiteSpace(Sql[i]))
                    i++;
                else if (string.CompareOrdinal(Sql, i, "--", 0, 2) == 0)
                    i = Sql.IndexOf('\n', i) is var end and >= 0 ? end + 1 : Sql.Length;
                else if (string.CompareOrdinal(Sql, i, "/*", 0, 2) == 0)
                    i = Sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 2 : Sql.Length;
                else
                    break;
            }
            return Math.Min(i, Sql.Length);
        }
    }
}
