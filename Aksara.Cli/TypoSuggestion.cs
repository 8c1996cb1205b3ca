using System.CommandLine;
using System.CommandLine.Parsing;

namespace Aksara.Cli;

/// <summary>
/// The "Did you mean 'migrate'?" line for a mistyped command or option: the closest name (edit distance, an adjacent
/// swap counting as one edit) among the subcommands or options of the command it was typed after. System.CommandLine
/// has typo corrections only as part of its own error printer (<c>ParseErrorAction</c>), with a wording and output of
/// its own, so the few lines are written here.
/// </summary>
internal static class TypoSuggestion
{
    public static string? For(ParseResult parseResult)
    {
        if (parseResult.UnmatchedTokens.FirstOrDefault() is not { Length: > 1 } typed)
            return null;

        var candidates = typed.StartsWith('-') ? OptionNames(parseResult.CommandResult) : SubcommandNames(parseResult.CommandResult.Command);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(typed, candidate);
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        // Beyond about one edit in three letters the "closest" name is a guess, not a typo.
        return best is not null && bestDistance <= Math.Max(1, typed.TrimStart('-').Length / 3) ? $"Did you mean '{best}'?" : null;
    }

    static IEnumerable<string> SubcommandNames(Command command) =>
        command.Subcommands.Where(sub => !sub.Hidden).SelectMany(sub => sub.Aliases.Prepend(sub.Name));

    static IEnumerable<string> OptionNames(CommandResult commandResult)
    {
        for (SymbolResult? result = commandResult; result is not null; result = result.Parent)
        {
            if (result is not CommandResult { Command: var command })
                continue;
            var own = result == commandResult;
            foreach (var option in command.Options.Where(option => !option.Hidden && (own || option.Recursive)))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                    yield return alias;
            }
        }
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of adjacent letters.
    static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
