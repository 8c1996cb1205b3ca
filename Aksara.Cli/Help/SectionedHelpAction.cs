using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Aksara.Cli.Help;

/// <summary>
/// System.CommandLine's help (description, usage, arguments, options, subcommands), followed by the command's examples
/// and exit codes. The help sections of System.CommandLine 2 are extended by wrapping its <see cref="HelpAction"/>.
/// </summary>
internal sealed class SectionedHelpAction(HelpAction standard, CommandHelp rootHelp) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = standard.Invoke(parseResult);
        var command = parseResult.CommandResult.Command;
        var help = command is AksaraCommand own ? own.Help : command is RootCommand ? rootHelp : null;
        help?.Write(parseResult.InvocationConfiguration.Output);
        return exitCode;
    }

    /// <summary>Replaces the help option's action of <paramref name="root"/> (which every subcommand shares) with this one.</summary>
    public static SectionedHelpAction Install(RootCommand root, CommandHelp rootHelp)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        var action = new SectionedHelpAction((HelpAction)option.Action!, rootHelp);
        option.Action = action;
        return action;
    }
}
