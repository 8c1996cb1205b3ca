namespace Aksara.Migrations.Diffing;

/// <summary>Asks at the terminal: <c>Did you rename customers.full_name to customers.display_name? [y/N]</c>.</summary>
internal sealed class PromptingRenameResolver(TextReader input, TextWriter output) : IRenameResolver
{
    public bool? IsRename(string from, string to)
    {
        output.Write($"Did you rename {from} to {to}? [y/N] ");
        output.Flush();
        var answer = input.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}
