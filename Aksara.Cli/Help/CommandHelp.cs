namespace Aksara.Cli.Help;

/// <summary>What a command's <c>--help</c> ends with: command lines that work as written, and what each exit code means for it.</summary>
/// <param name="Examples">Each an <c>aksara …</c> line, optionally followed by <c>  # what it does</c>.</param>
internal sealed record CommandHelp(IReadOnlyList<string> Examples, IReadOnlyList<(int Code, string Meaning)> ExitCodes)
{
    public void Write(TextWriter output)
    {
        output.WriteLine("Examples:");
        foreach (var example in Examples)
            output.WriteLine("  " + example);
        output.WriteLine();
        output.WriteLine("Exit codes:");
        foreach (var (code, meaning) in ExitCodes)
            output.WriteLine($"  {code}  {meaning}");
        output.WriteLine();
    }
}
