using System.Globalization;

namespace Aksara.Migrations.Schema;

/// <summary>
/// A parsed column type: base name, modifiers (<c>varchar(200)</c>, <c>numeric(12,2)</c>) and array dimensions.
/// Spellings are canonical (<see cref="SqlTypes.Normalize"/>), so two equal types compare equal as text too.
/// </summary>
internal sealed record SqlType(string Base, IReadOnlyList<int> Modifiers, int ArrayDimensions)
{
    public bool IsArray => ArrayDimensions > 0;

    public SqlType Element => this with { ArrayDimensions = 0 };

    public static SqlType Parse(string text)
    {
        var type = text.Trim();
        var dimensions = 0;
        while (type.EndsWith("[]", StringComparison.Ordinal))
        {
            dimensions++;
            type = type[..^2].TrimEnd();
        }

        var modifiers = new List<int>();
        var open = type.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0 && type.EndsWith(')'))
        {
            foreach (var part in type[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                    modifiers.Add(value);
            }
            type = type[..open].TrimEnd();
        }
        // A quoted name (an enum type such as "Rating") is case-sensitive; PostgreSQL folds only unquoted ones.
        return new SqlType(type.Contains('"', StringComparison.Ordinal) ? type : type.ToLowerInvariant(), modifiers, dimensions);
    }

    public override string ToString()
    {
        var text = Modifiers.Count == 0 ? Base : $"{Base}({string.Join(',', Modifiers.Select(m => m.ToString(CultureInfo.InvariantCulture)))})";
        return text + string.Concat(Enumerable.Repeat("[]", ArrayDimensions));
    }
}
