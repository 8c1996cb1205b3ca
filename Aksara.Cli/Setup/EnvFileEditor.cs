using System.Text;
using System.Text.RegularExpressions;

namespace Aksara.Cli.Setup;

/// <summary>
/// Sets one variable in a <c>.env</c> file and leaves every other byte alone: other lines, comments, blank lines,
/// quoting, <c>export</c> prefixes, line endings, a byte-order mark and a missing final newline all stay as they were.
/// </summary>
/// <remarks>
/// Written by hand because .env libraries (dotenv.net included) only read: a parse-and-serialize round trip would
/// normalize quoting and drop comments.
/// </remarks>
internal static partial class EnvFileEditor
{
    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Replaces each line that sets <paramref name="key"/> (keeping its indentation, <c>export</c> prefix and quote
    /// style), or appends <c>KEY=value</c> when none does. Lines inside another variable's multi-line quoted value are
    /// never mistaken for assignments.
    /// </summary>
    public static string SetVariable(string content, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(value);
        if (key is null || !KeyPattern().IsMatch(key))
            throw new ArgumentException($"'{key}' is not a variable name.", nameof(key));
        if (value.Contains('\n') || value.Contains('\r'))
            throw new ArgumentException("The value must be a single line.", nameof(value));

        var result = new StringBuilder(content.Length + key.Length + value.Length + 2);
        var replaced = false;
        char? openQuote = null;
        var inOwnOldValue = false;
        foreach (var (line, ending) in Lines(content))
        {
            if (openQuote is { } quote)
            {
                // A continuation line of a multi-line quoted value: never an assignment, whatever it looks like.
                if (ClosesQuote(line, 0, quote))
                    openQuote = null;
                // Our own old value's continuation lines go with it; another variable's are copied.
                if (!inOwnOldValue)
                    result.Append(line).Append(ending);
                continue;
            }
            inOwnOldValue = false;

            var assignment = Assignment().Match(line);
            if (!assignment.Success)
            {
                result.Append(line).Append(ending);
                continue;
            }

            var prefixLength = assignment.Index + assignment.Length;
            var rest = line[prefixLength..];
            var spaces = rest.Length - rest.TrimStart(' ', '\t').Length;
            var firstChar = spaces < rest.Length ? rest[spaces] : '\0';
            if (firstChar is '"' or '\'' && !ClosesQuote(rest, spaces + 1, firstChar))
                openQuote = firstChar;

            if (assignment.Groups["key"].Value != key)
            {
                result.Append(line).Append(ending);
                continue;
            }

            inOwnOldValue = openQuote is not null;
            result.Append(line, 0, prefixLength + spaces).Append(Quote(value, firstChar)).Append(ending);
            replaced = true;
        }

        if (!replaced)
        {
            if (result.Length > 0 && result[^1] != '\n')
                result.Append(NewLineOf(content));
            result.Append(key).Append('=').Append(value).Append(NewLineOf(content));
        }
        return result.ToString();
    }

    /// <summary>
    /// <see cref="SetVariable(string, string, string)"/> on a file, keeping its encoding's byte-order mark. A new file is
    /// created readable by its owner only, as it will hold a password.
    /// </summary>
    public static async Task SetVariableAsync(string path, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using var created = new FileStream(path, options);
            var bytes = s_utf8NoBom.GetBytes(SetVariable("", key, value));
            await created.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            return;
        }

        var original = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var hasBom = original is [0xEF, 0xBB, 0xBF, ..];
        var text = s_utf8NoBom.GetString(original, hasBom ? 3 : 0, original.Length - (hasBom ? 3 : 0));
        var updated = s_utf8NoBom.GetBytes(SetVariable(text, key, value));
        // Rewritten in place rather than replaced, so the file keeps its owner and permissions.
        await using var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write);
        if (hasBom)
            await stream.WriteAsync(new byte[] { 0xEF, 0xBB, 0xBF }, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(updated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The lines of <paramref name="content"/>, each with its own terminator ("\r\n", "\n" or "" for the last).</summary>
    private static IEnumerable<(string Line, string Ending)> Lines(string content)
    {
        var start = 0;
        while (start < content.Length)
        {
            var newline = content.IndexOf('\n', start);
            if (newline < 0)
            {
                yield return (content[start..], "");
                yield break;
            }
            var end = newline > start && content[newline - 1] == '\r' ? newline - 1 : newline;
            yield return (content[start..end], content[end..(newline + 1)]);
            start = newline + 1;
        }
    }

    private static bool ClosesQuote(string text, int from, char quote)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
                i++;
            else if (text[i] == quote)
                return true;
        }
        return false;
    }

    /// <summary>The value in the quote style the old line used; unquoted stays unquoted.</summary>
    private static string Quote(string value, char style) => style switch
    {
        '"' => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        '\'' when !value.Contains('\'') => "'" + value + "'",
        '\'' => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        _ => value,
    };

    private static string NewLineOf(string content) => content.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    [GeneratedRegex(@"^[ \t]*(?:export[ \t]+)?(?<key>[A-Za-z_][A-Za-z0-9_.]*)[ \t]*=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex KeyPattern();
}
