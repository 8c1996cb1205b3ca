using System.CommandLine;
using Aksara.Cli.Commands;
using Aksara.Cli.Setup;
using Aksara.Configuration;
using Npgsql;

namespace Aksara.Tests.Cli;

/// <summary>A terminal whose input is a script and whose output the test reads.</summary>
internal sealed class ScriptedTerminal(bool interactive, params string[] input) : ISetupTerminal
{
    private readonly Queue<string> _input = new(input);

    public bool IsInteractive { get; } = interactive;

    public TextWriter Output { get; set; } = TextWriter.Null;

    public int Unread => _input.Count;

    public string? ReadLine() => _input.TryDequeue(out var line) ? line : null;

    public string? ReadSecret() => ReadLine();
}

/// <summary>Runs the dbsetup and db commands in-process, as AksaraCli does, with a scripted terminal, capturing what they print.</summary>
internal static class DbSetupRunner
{
    internal sealed record Run(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}{Error}";
    }

    public static async Task<Run> DbSetupAsync(ScriptedTerminal terminal, params string[] args)
    {
        var root = new RootCommand { DbSetupCommand.Create(output => { terminal.Output = output; return terminal; }) };
        return await InvokeAsync(root, ["dbsetup", .. args]);
    }

    /// <summary>The whole <c>aksara</c> command line, so that <c>-C DIR</c> works as for a user (it changes the current directory while the command runs).</summary>
    public static async Task<Run> DbAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Aksara.Cli.AksaraCli.RunAsync(["db", .. args], output, error);
        return new Run(exitCode, output.ToString(), error.ToString());
    }

    private static async Task<Run> InvokeAsync(RootCommand root, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parseResult = root.Parse(args);
        Assert.That(parseResult.Errors, Is.Empty, string.Join("; ", parseResult.Errors.Select(e => e.Message)));
        int exitCode;
        try
        {
            exitCode = await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (AksaraException ex)
        {
            // What AksaraCli.RunAsync does with the errors a command leaves to it.
            exitCode = Aksara.Cli.ExitCodes.Report(ex, error);
        }
        return new Run(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The value of DATABASE_URL in a .env file, read the way Aksara reads it.</summary>
    public static string? ReadDatabaseUrl(string envFile) =>
        DotEnvFile.Read(envFile).TryGetValue("DATABASE_URL", out var value) ? value : null;

    /// <summary>current_database() and current_user through a DATABASE_URL, with Aksara's own URL parser.</summary>
    public static async Task<(string Database, string User)> ConnectAsync(string databaseUrl)
    {
        var builder = Aksara.DatabaseUrl.Parse(databaseUrl).ToConnectionStringBuilder();
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database(), current_user", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>A new empty folder that the postgres OS user can traverse too (for local clusters when running as root).</summary>
    public static string NewProjectFolder(string name)
    {
        var path = Path.Combine("/tmp", $"aksara-{name}-{Guid.NewGuid():N}"[..40]);
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }
}
