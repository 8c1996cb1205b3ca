using System.CommandLine;
using Aksara.Cli.Help;
using Aksara.Cli.Output;

namespace Aksara.Cli.Commands;

/// <summary><c>aksara config</c>: the effective configuration and where each value came from.</summary>
internal static class ConfigCommand
{
    private static readonly CommandHelp s_help = new(
        [
            "aksara config",
            "aksara config --json | jq -r .database   # one value, for a script",
            "aksara -C src/Shop config                # another project's configuration",
        ],
        ExitCodes.Help(success: "the configuration was shown",
            configuration: "no DATABASE_URL (in the environment, .env or appsettings.json), or one that does not parse"));

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object for machines instead of a table; an error is {\"successful\": false, \"error\": {\"code\", \"message\"}}." };
        var command = new AksaraCommand("config", "Show the effective configuration (password masked) and the source of each value; warn when the URL's search_path starts with another schema than the models' (Aksara:Schema).", s_help) { json };
        command.SetAction((parseResult, _) =>
        {
            var console = parseResult.InvocationConfiguration;
            ConfigurationReport report;
            try
            {
                report = ConfigurationReport.Create(AksaraSettings.Resolve());
            }
            catch (AksaraConfigurationException ex) when (parseResult.GetValue(json))
            {
                return Task.FromResult(ExitCodes.Report(ex, console, json: true));
            }
            console.Output.WriteLine(parseResult.GetValue(json) ? report.ToJson() : report.ToText());
            foreach (var warning in report.Warnings)
                console.Error.WriteWarning(warning.Message);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
