using System.Text;
using Humanizer;

namespace Aksara.Cli.Scaffolding;

/// <summary>The C# names a developer would give to database names: <c>order_items</c> → <c>OrderItem</c>, <c>PG-13</c> → <c>Pg13</c>.</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>PascalCase of the words in <paramref name="name"/>; a valid identifier however odd the name (digits first, symbols).</summary>
    public static string Pascal(string name)
    {
        var result = new StringBuilder();
        foreach (var word in Words(name))
        {
            result.Append(char.ToUpperInvariant(word[0]));
            // ALLCAPS words (PG, ID) read as words; mixed case (userId) is kept as written.
            result.Append(word.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? word[1..].ToLowerInvariant() : word[1..]);
        }
        var identifier = result.Length == 0 ? "Value" : result.ToString();
        if (!char.IsLetter(identifier[0]))
            identifier = "N" + identifier;
        // Every C# keyword is lower case, so a PascalCase name is never one.
        return identifier;
    }

    /// <summary>Whether <paramref name="name"/> can be a C# member name as it is (letters, digits and <c>_</c>, not starting with a digit, no keyword).</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_') && !s_keywords.Contains(name);

    /// <summary>The class name of a table: the singular of its last word (<c>order_items</c> → <c>OrderItem</c>).</summary>
    public static string ClassOf(string table)
    {
        var pascal = Pascal(table);
        var words = pascal.Humanize(LetterCasing.Title).Split(' ');
        // Singularize only the last word, as a developer would (news stays news, statuses becomes status).
        words[^1] = words[^1].Singularize(inputIsKnownToBePlural: false);
        return Pascal(string.Join("_", words));
    }

    /// <summary>A C# string literal (quotes, backslashes, newlines escaped); verbatim SQL goes into attributes this way.</summary>
    public static string Literal(string value)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in value)
        {
            literal.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return literal.Append('"').ToString();
    }

    /// <summary>A name not yet in <paramref name="taken"/>: <paramref name="name"/>, else <c>name2</c>, <c>name3</c>, …; the result is added.</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
            candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }

    private static IEnumerable<string> Words(string name)
    {
        var word = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0)
                yield return word.ToString();
            word.Clear();
        }
        if (word.Length > 0)
            yield return word.ToString();
    }
}
