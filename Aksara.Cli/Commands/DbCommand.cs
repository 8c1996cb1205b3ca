using System.CommandLine;
using System.Text.Json.Nodes;
using Aksara.Cli.Help;
using Aksara.Cli.Output;
using Aksara.Cli.Setup;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara db start | stop | status</c>: the project-local development cluster made by <c>dbsetup --local</c>, in the
/// current folder (or the one given with <c>-C</c>).
/// </summary>
internal static class DbCommand
{
    private static readonly CommandHelp s_help = new(
        ["aksara db status", "aksara db start -C ~/src/shop", "aksara db stop"],
        ExitCodes.Help(success: "done (status: the database runs)", failure: "status: it does not run; start: it could not be started"));

    public static Command Create()
    {
        var command = new AksaraCommand("db", "Manage the project-local development database (.aksara/postgres) made by aksara dbsetup --local.", s_help)
        {
            Start(),
            Stop(),
            Status(),
        };
        return command;
    }

    private static Command Start()
    {
        var json = JsonOption();
        var help = new CommandHelp(["aksara db start", "aksara db start --json"],
            ExitCodes.Help(success: "the database runs", failure: "it could not be started (e.g. no PostgreSQL server binaries)"));
        var command = new AksaraCommand("start", "Start the local database, creating the cluster on first use.", help) { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = Directory.GetCurrentDirectory();
            var console = parseResult.InvocationConfiguration;
            var before = await LocalDevelopmentDatabase.GetStatusAsync(root, cancellationToken).ConfigureAwait(false);
            LocalDatabaseStatus status;
            try
            {
                status = await LocalDevelopmentDatabase.StartAsync(root, cancellationToken).ConfigureAwait(false);
            }
            catch (AksaraException ex) when (parseResult.GetValue(json))
            {
                return ExitCodes.Report(ex, console, json: true);
            }
            var portChanged = before.Port is { } oldPort && oldPort != status.Port;
            if (parseResult.GetValue(json))
            {
                var report = ToJson(status);
                report["already_running"] = before.State == LocalDatabaseState.Running;
                report["previous_port"] = portChanged ? before.Port : null;
                CliJson.Write(console.Output, report);
            }
            else
            {
                console.Output.WriteLine(before.State == LocalDatabaseState.Running ? $"Already {status.Describe()}." : $"Started: {status.Describe()}.");
            }
            if (portChanged)
                console.Error.WriteWarning($"port {before.Port} was taken, so it now listens on {status.Port}: run aksara dbsetup --local again to update DATABASE_URL.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Stop()
    {
        var json = JsonOption();
        var help = new CommandHelp(["aksara db stop", "aksara db stop --json"], ExitCodes.Help(success: "the database is stopped (or was not running)"));
        var command = new AksaraCommand("stop", "Stop the local database (its data stays in .aksara/postgres).", help) { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stopped = await LocalDevelopmentDatabase.StopAsync(Directory.GetCurrentDirectory(), cancellationToken).ConfigureAwait(false);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
                CliJson.Write(output, new JsonObject { ["successful"] = true, ["was_running"] = stopped });
            else
                output.WriteLine(stopped ? "Stopped the local database." : "The local database was not running.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status()
    {
        var json = JsonOption();
        var help = new CommandHelp(["aksara db status", "aksara db status --json | jq .port"],
            ExitCodes.Help(success: "the database runs", failure: "it is stopped, or was never created"));
        var command = new AksaraCommand("status", "Say whether the local database runs, and where. Exits 1 when it does not.", help) { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var status = await LocalDevelopmentDatabase.GetStatusAsync(Directory.GetCurrentDirectory(), cancellationToken).ConfigureAwait(false);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
                CliJson.Write(output, ToJson(status));
            else
                output.WriteLine($"Local database: {status.Describe()}.");
            return status.State == LocalDatabaseState.Running ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Option<bool> JsonOption() => new("--json")
    {
        Description = "Print JSON for machines: {\"state\": \"running\" | \"stopped\" | \"not_created\", \"port\", \"data_directory\", …}.",
    };

    private static JsonObject ToJson(LocalDatabaseStatus status) => new()
    {
        ["state"] = status.State switch
        {
            LocalDatabaseState.Running => "running",
            LocalDatabaseState.Stopped => "stopped",
            _ => "not_created",
        },
        ["port"] = status.Port,
        ["data_directory"] = status.DataDirectory,
        ["problem"] = status.State == LocalDatabaseState.Running ? null : new CliProblem(CliProblem.NotRunning, status.Describe()).ToJson(),
    };
}
