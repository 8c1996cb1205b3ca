using System.CommandLine;

namespace Aksara.Cli.Commands;

/// <summary><c>aksara config</c>: the effective configuration and where each value came from.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object for machines instead of a table." };
        var command = new Command("config", "Show the effective configuration (password masked) and the source of each value; warn when the URL's search_path starts with another schema than the models' (Aksara:Schema).") { json };
        command.SetAction((parseResult, _) =>
        {
            var report = ConfigurationReport.Create(AksaraSettings.Resolve());
            parseResult.InvocationConfiguration.Output.WriteLine(parseResult.GetValue(json) ? report.ToJson() : report.ToText());
            foreach (var warning in report.Warnings)
                parseResult.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
