using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using Aksara.Cli.Commands;
using Aksara.Cli.Help;
using Aksara.Cli.Output;

namespace Aksara.Cli;

/// <summary>The <c>aksara</c> command line: the root command, its subcommands, and the shared exit-code rules.</summary>
internal static class AksaraCli
{
    private const string ProjectOptionName = "--project";

    internal static readonly CommandHelp RootHelp = new(
        [
            "aksara dbsetup                      # create the database, write DATABASE_URL to .env",
            "aksara makemigrations               # write the next migration from the models",
            "aksara migrate                      # apply the pending migrations",
            "aksara migrate --check --json       # for CI: exit 1 when something is pending or drifted",
            "aksara -C src/Shop showmigrations   # as if run in src/Shop",
        ],
        ExitCodes.Help(
            success: "success",
            failure: "the check found something (pending, drift, changes), or the command failed",
            configuration: "configuration error (e.g. no DATABASE_URL)",
            unreachable: "the database is unreachable or refused the credentials"));

    internal static RootCommand CreateRootCommand()
    {
        var project = new Option<string>(ProjectOptionName, "-C", "--directory")
        {
            Description = "Run as if aksara was started in DIR: its .env, appsettings.json, migrations/ and .aksara/ are used [the current directory].",
            HelpName = "DIR",
            Recursive = true,
        };
        var root = new RootCommand("Aksara: PostgreSQL database setup, configuration and migrations for Aksara apps.")
        {
            project,
            DbSetupCommand.Create(),
            DbCommand.Create(),
            MakeMigrationsCommand.Create(),
            MigrateCommand.Create(),
            ShowMigrationsCommand.Create(),
            SqlMigrateCommand.Create(),
            InspectDbCommand.Create(),
            ConfigCommand.Create(),
        };
        // A bare `aksara` (or `aksara db`) shows what there is to type instead of an error.
        var help = SectionedHelpAction.Install(root, RootHelp);
        root.Action = help;
        foreach (var group in root.Subcommands.Where(command => command.Subcommands.Count > 0 && command.Action is null))
            group.Action = help;
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>; usage errors exit 2, Aksara's own errors map to their exit codes. With
    /// <c>-C DIR</c> the process's current directory is DIR while the command runs, so every default (the <c>.env</c>, the
    /// migrations folder, the project-local database) is DIR's, as with <c>git -C</c>.
    /// </summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand();
        var parseResult = root.Parse(args);
        // `aksara sqlmigrate --help` shows the help, although NAME is missing.
        var helpAsked = parseResult.GetResult(root.Options.OfType<HelpOption>().Single()) is not null;
        if (parseResult.Errors.Count > 0 && !helpAsked)
        {
            foreach (var parseError in parseResult.Errors)
                error.WriteError(parseError.Message);
            if (TypoSuggestion.For(parseResult) is { } suggestion)
                error.WriteLine(suggestion);
            error.WriteLine("Run 'aksara --help' for usage.");
            return ExitCodes.UsageError;
        }

        var startedIn = Directory.GetCurrentDirectory();
        if (parseResult.GetValue<string>(ProjectOptionName) is { } project)
        {
            var folder = Path.GetFullPath(project);
            if (!Directory.Exists(folder))
            {
                error.WriteError($"-C/--project {project}: there is no folder {folder}. Pass the project's folder (the one holding its .csproj or .env), or leave -C out to use the current one.");
                return ExitCodes.UsageError;
            }
            Directory.SetCurrentDirectory(folder);
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
        finally
        {
            Directory.SetCurrentDirectory(startedIn);
        }
    }

    internal static string Version =>
        typeof(AksaraCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
