using System.Globalization;
using System.Text.RegularExpressions;

namespace Aksara.Migrations.Scripts;

/// <summary>A <c>NNNN_name.sql</c> script in the migrations folder. <see cref="Name"/> is the file name without <c>.sql</c>, as the journal records it.</summary>
internal sealed partial record MigrationFile(int Number, string Name, string Path)
{
    public const string Extension = ".sql";

    /// <summary>The ending of a down script, which stands beside its up: <c>0002_x.sql</c> and <c>0002_x.down.sql</c>.</summary>
    public const string DownExtension = ".down.sql";

    public string FileName => Name + Extension;

    public string DownPath => System.IO.Path.ChangeExtension(Path, null) + DownExtension;

    public string ReadContents() => File.ReadAllText(Path);

    /// <summary>The down script's text, or null when the migration has none.</summary>
    public string? ReadDownContents() => File.Exists(DownPath) ? File.ReadAllText(DownPath) : null;

    /// <summary>
    /// Orders script names by their number, then by name: <c>9999_a</c> before <c>10000_b</c>, <c>0004_b</c> before
    /// <c>00005_a</c>. The runner, the status list and DbUp all use it, so they agree with the folder's own order.
    /// </summary>
    public static IComparer<string> NameOrder { get; } = Comparer<string>.Create((x, y) =>
    {
        var byNumber = LeadingNumber(x).CompareTo(LeadingNumber(y));
        return byNumber != 0 ? byNumber : StringComparer.Ordinal.Compare(x, y);
    });

    private static decimal LeadingNumber(string name)
    {
        var digits = name.Length - name.AsSpan().TrimStart("0123456789").Length;
        return digits == 0 ? decimal.MaxValue : decimal.Parse(name.AsSpan(0, Math.Min(digits, 28)), CultureInfo.InvariantCulture);
    }

    /// <summary>The script for <paramref name="path"/>, or null when its file name is not <c>NNNN_name.sql</c> (a down script is not one).</summary>
    public static MigrationFile? TryCreate(string path)
    {
        var match = FileNamePattern().Match(System.IO.Path.GetFileName(path));
        return match.Success
            ? new MigrationFile(int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, path)
            : null;
    }

    /// <summary>
    /// The one of <paramref name="names"/> that <paramref name="wanted"/> means: a full name, a file name (<c>.sql</c>), or
    /// just a number (<c>0002</c> or <c>2</c>); null when none.
    /// </summary>
    public static string? Resolve(string wanted, IEnumerable<string> names)
    {
        var name = wanted.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) ? wanted[..^Extension.Length] : wanted;
        var candidates = names.ToList();
        if (candidates.Contains(name, StringComparer.Ordinal))
            return name;
        return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? candidates.FirstOrDefault(candidate => TryCreate(candidate + Extension)?.Number == number)
            : null;
    }

    /// <summary><c>0002_add_customers_phone</c>: the number padded to four digits, then the slug.</summary>
    public static string FormatName(int number, string slug) => $"{number.ToString("D4", CultureInfo.InvariantCulture)}_{slug}";

    [GeneratedRegex(@"^(?<name>(?<number>[0-9]{4,})_[^\\/]+)(?<!\.down)\.sql$", RegexOptions.IgnoreCase)]
    private static partial Regex FileNamePattern();
}
