using System.Security.Cryptography;
using System.Text;

namespace Aksara.Migrations.Scripts;

/// <summary>
/// SHA-256 of a script, hex. Line endings are normalized and a byte-order mark ignored first, so that a checkout with
/// <c>core.autocrlf</c> on Windows does not look like an edit of every applied script.
/// </summary>
internal static class ScriptChecksum
{
    public static string Compute(string contents)
    {
        var normalized = contents.TrimStart('\uFEFF').ReplaceLineEndings("\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
