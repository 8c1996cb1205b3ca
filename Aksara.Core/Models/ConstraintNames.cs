using System.Security.Cryptography;
using System.Text;

namespace Aksara.Models;

/// <summary>
/// The names Aksara gives to constraints and indexes, shared by the model layer and the migrations so both always
/// agree. PostgreSQL silently truncates identifiers to 63 bytes, which could make two long names collide; a name that
/// would be longer is cut and suffixed with a hash of the full name instead, so it stays unique and deterministic.
/// </summary>
internal static class ConstraintNames
{
    /// <summary>PostgreSQL's NAMEDATALEN - 1.</summary>
    internal const int MaxIdentifierBytes = 63;

    private const int HashHexChars = 8;

    internal static string PrimaryKey(string table) => Truncate($"pk_{table}");

    internal static string Unique(string table, string column) => Truncate($"uq_{table}_{column}");

    internal static string Unique(string table, IEnumerable<string> columns) => Truncate($"uq_{table}_{string.Join('_', columns)}");

    internal static string ForeignKey(string table, string column) => Truncate($"fk_{table}_{column}");

    internal static string Index(string table, IEnumerable<string> columns, bool unique) =>
        Truncate($"{(unique ? "ux" : "ix")}_{table}_{string.Join('_', columns)}");

    internal static string Check(string table, int n) => Truncate($"ck_{table}_{n}");

    /// <summary><paramref name="name"/> itself when it fits in 63 bytes; else its longest prefix that fits with <c>_</c> and 8 hex chars of its SHA-256.</summary>
    internal static string Truncate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Encoding.UTF8.GetByteCount(name) <= MaxIdentifierBytes)
            return name;

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..HashHexChars];
        var budget = MaxIdentifierBytes - 1 - HashHexChars;
        var prefix = new StringBuilder();
        var bytes = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > budget)
                break;
            prefix.Append(rune.ToString());
        }
        return $"{prefix.ToString().TrimEnd('_')}_{hash}";
    }
}
