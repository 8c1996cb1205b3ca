using System.CommandLine;

namespace Aksara.Cli.Help;

/// <summary>A subcommand of <c>aksara</c>: a <see cref="Command"/> whose <c>--help</c> also shows its examples and exit codes.</summary>
internal sealed class AksaraCommand(string name, string description, CommandHelp help) : Command(name, description)
{
    public CommandHelp Help { get; } = help;
}
