using System.Text;
using System.Text.RegularExpressions;
using Aksara.Data;

namespace Aksara;

/// <summary>
/// The database and role names Aksara creates (the local development database, <c>aksara dbsetup</c>), the default
/// derived from a project folder, and identifier quoting.
/// </summary>
public static partial class DatabaseNames
{
    /// <summary>PostgreSQL truncates longer identifiers (NAMEDATALEN - 1), which would silently name another database.</summary>
    public const int MaxLength = 63;

    /// <summary>
    /// Letters, digits, '_' and '-', starting with a letter or '_': every such name works unquoted in a URL and in a
    /// shell, and quoting makes it safe in SQL. Anything else (quotes, spaces, ';') is refused rather than escaped,
    /// since it is far more likely a mistake than a wish.
    /// </summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 } && Encoding.UTF8.GetByteCount(name) <= MaxLength && AllowedName().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is refused, naming the rule; <paramref name="what"/> is "database name" or "role name".</summary>
    internal static string Describe(string? name, string what) =>
        $"Invalid {what} {Printable(name)}: use letters, digits, '_' and '-', starting with a letter or '_', at most {MaxLength} characters.";

    /// <summary>A valid name made from a folder name: lowercased, other characters turned into '_' (<c>My App!</c> → <c>my_app</c>).</summary>
    public static string FromFolderName(string folderName)
    {
        var name = new StringBuilder();
        foreach (var c in folderName.ToLowerInvariant())
        {
            var safe = char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_';
            if (safe != '_' || (name.Length > 0 && name[^1] != '_'))
                name.Append(safe);
        }
        var result = name.ToString().Trim('_');
        if (result.Length == 0)
            return "app";
        if (char.IsAsciiDigit(result[0]))
            result = "app_" + result;
        return result[..Math.Min(result.Length, MaxLength)].TrimEnd('_');
    }

    /// <summary>A double-quoted SQL identifier; quotes inside are doubled, so no name can end the identifier early.</summary>
    public static string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0'))
            throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(name));
        return SqlIdentifier.Quote(name);
    }

    // Control characters would garble the terminal; everything else is the user's own input, shown as typed.
    private static string Printable(string? name) =>
        name is null ? "(none)" : "\"" + string.Concat(name.Select(c => char.IsControl(c) ? '?' : c)) + "\"";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex AllowedName();
}
