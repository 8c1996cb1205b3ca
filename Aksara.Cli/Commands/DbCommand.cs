using System.CommandLine;
using Aksara.Cli.Setup;

namespace Aksara.Cli.Commands;

/// <summary><c>aksara db start | stop | status</c>: the project-local development cluster made by <c>dbsetup --local</c>.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var directory = new Option<string>("--directory", "-C")
        {
            Description = "The project folder holding .aksara/ [the current directory].",
            Recursive = true,
        };
        var command = new Command("db", "Manage the project-local development database (.aksara/postgres) made by aksara dbsetup --local.")
        {
            directory,
            Start(directory),
            Stop(directory),
            Status(directory),
        };
        return command;
    }

    private static Command Start(Option<string> directory)
    {
        var command = new Command("start", "Start the local database, creating the cluster on first use.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = Root(parseResult, directory);
            var before = await LocalDevelopmentDatabase.GetStatusAsync(root, cancellationToken).ConfigureAwait(false);
            var status = await LocalDevelopmentDatabase.StartAsync(root, cancellationToken).ConfigureAwait(false);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(before.State == LocalDatabaseState.Running
                ? $"Already {status.Describe()}."
                : $"Started: {status.Describe()}.");
            if (before.Port is { } oldPort && oldPort != status.Port)
                output.WriteLine($"warning: port {oldPort} was taken, so it now listens on {status.Port}: run aksara dbsetup --local again to update DATABASE_URL.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Stop(Option<string> directory)
    {
        var command = new Command("stop", "Stop the local database (its data stays in .aksara/postgres).");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stopped = await LocalDevelopmentDatabase.StopAsync(Root(parseResult, directory), cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.WriteLine(stopped ? "Stopped the local database." : "The local database was not running.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(Option<string> directory)
    {
        var command = new Command("status", "Say whether the local database runs, and where. Exits 1 when it does not.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var status = await LocalDevelopmentDatabase.GetStatusAsync(Root(parseResult, directory), cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.WriteLine($"Local database: {status.Describe()}.");
            return status.State == LocalDatabaseState.Running ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static string Root(ParseResult parseResult, Option<string> directory) =>
        Path.GetFullPath(parseResult.GetValue(directory) ?? Directory.GetCurrentDirectory());
}
