using System.CommandLine;
using System.Reflection;
using Aksara.Cli.Commands;

namespace Aksara.Cli;

/// <summary>The <c>aksara</c> command line: the root command, its subcommands, and the shared exit-code rules.</summary>
internal static class AksaraCli
{
    internal static RootCommand CreateRootCommand() => new("Aksara: PostgreSQL database setup, configuration and migrations for Aksara apps.")
    {
        DbSetupCommand.Create(),
        DbCommand.Create(),
        MakeMigrationsCommand.Create(),
        MigrateCommand.Create(),
        ShowMigrationsCommand.Create(),
        SqlMigrateCommand.Create(),
        InspectDbCommand.Create(),
        ConfigCommand.Create(),
    };

    /// <summary>Parses and runs <paramref name="args"/>; usage errors exit 2, Aksara's own errors map to their exit codes.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
                error.WriteLine($"error: {parseError.Message}");
            if (TypoSuggestion.For(parseResult) is { } suggestion)
                error.WriteLine(suggestion);
            error.WriteLine("Run 'aksara --help' for usage.");
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (AksaraException ex)
        {
            return ExitCodes.Report(ex, error);
        }
    }

    internal static string Version =>
        typeof(AksaraCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
