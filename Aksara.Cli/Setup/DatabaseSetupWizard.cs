using System.Globalization;
using Aksara.Configuration;

namespace Aksara.Cli.Setup;

/// <summary>
/// The conversation of <c>aksara dbsetup</c>: confirm replacing an existing <c>DATABASE_URL</c>, ask for each value
/// not given as a flag (or, with no terminal, name the missing flags), then run <see cref="DatabaseSetup"/> or the
/// local cluster, and say what to do next.
/// </summary>
internal sealed class DatabaseSetupWizard(ISetupTerminal terminal)
{
    private const string Variable = "DATABASE_URL";

    /// <returns>The result, or null when the user chose to keep the existing URL.</returns>
    public async Task<DatabaseSetupResult?> RunAsync(DatabaseSetupRequest request, CancellationToken cancellationToken = default)
    {
        var envFile = Path.GetFullPath(request.EnvFile ?? Path.Combine(Directory.GetCurrentDirectory(), ".env"));
        var projectRoot = Path.GetDirectoryName(envFile)!;
        var defaultDatabase = DatabaseNames.FromFolderName(Path.GetFileName(projectRoot));

        if (request.Local && (request.Host ?? request.User ?? request.CreateRole) is not null || request.Local && (request.Port is not null || request.PasswordFromStdin))
        {
            throw new DatabaseSetupException(DatabaseSetupFailure.InvalidInput,
                "--local sets up a cluster of its own, so it takes no --host, --port, --user, --password-stdin or --create-role.");
        }
        RequireFlagsWithoutTerminal(request, defaultDatabase);
        if (request.Database is not null)
            DatabaseSetupException.ThrowIfInvalidName(request.Database);
        if (!ConfirmReplacingExistingUrl(envFile, request.Yes))
        {
            terminal.Output.WriteLine($"Kept the existing {Variable}; nothing changed.");
            return null;
        }

        // --password-stdin is read before any prompt, so that a piped password is never taken for an answer.
        var password = request.PasswordFromStdin ? terminal.ReadLine() ?? "" : null;

        // Asked last, in the order docs/cli.md gives: where the server is and who connects, then what to create there.
        string AskDatabase()
        {
            var name = request.Database ?? Ask("Database name", defaultDatabase, request.Yes, name =>
                DatabaseNames.IsValid(name) ? null : DatabaseNames.Describe(name, "database name"));
            DatabaseSetupException.ThrowIfInvalidName(name);
            return name;
        }

        DatabaseSetupResult result;
        if (request.Local)
        {
            result = await SetUpLocalAsync(projectRoot, AskDatabase(), envFile, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var host = request.Host ?? Ask("Host", DatabaseSetupOptions.DefaultHost, request.Yes, value => value.Length > 0 ? null : "Enter a host name or address.");
            var port = request.Port ?? int.Parse(Ask("Port", DatabaseSetupOptions.DefaultPort.ToString(CultureInfo.InvariantCulture), request.Yes,
                value => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535 ? null : "Enter a port from 1 to 65535."),
                CultureInfo.InvariantCulture);
            var user = request.User ?? Ask("User", DatabaseSetupOptions.DefaultUser, request.Yes, value => value.Length > 0 ? null : "Enter a user name.");
            if (password is null && terminal.IsInteractive && !request.Yes)
            {
                terminal.Output.Write("Password (not shown; empty for none): ");
                password = terminal.ReadSecret() ?? "";
                terminal.Output.WriteLine();
            }
            var database = AskDatabase();

            // The project's own settings say which schema its models (and so the runtime role's grants) are in.
            var settings = AksaraSettings.Load(projectRoot);
            result = await new DatabaseSetup(terminal.Output).RunAsync(new DatabaseSetupOptions
            {
                Schema = settings.Schema,
                JournalSchema = settings.JournalSchema,
                Host = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host,
                Port = port,
                User = user,
                Password = password,
                DatabaseName = database,
                EnvFile = envFile,
                CreateRole = request.CreateRole,
            }, cancellationToken).ConfigureAwait(false);
        }

        terminal.Output.WriteLine($"{Variable}={result.MaskedDatabaseUrl}");
        terminal.Output.WriteLine("Next: run aksara migrate to create the tables.");
        return result;
    }

    private async Task<DatabaseSetupResult> SetUpLocalAsync(string projectRoot, string database, string envFile, CancellationToken cancellationToken)
    {
        terminal.Output.WriteLine($"Starting the local development database in {Path.Combine(projectRoot, LocalDevelopmentDatabase.DirectoryName)}...");
        var status = await LocalDevelopmentDatabase.StartAsync(projectRoot, cancellationToken).ConfigureAwait(false);
        terminal.Output.WriteLine($"PostgreSQL is {status.Describe()}.");
        var created = await LocalDevelopmentDatabase.EnsureDatabaseAsync(status, database, cancellationToken).ConfigureAwait(false);
        terminal.Output.WriteLine(created ? $"Created database \"{database}\"." : $"Database \"{database}\" already exists; using it.");
        var url = status.GetDatabaseUrl(database);
        await EnvFileEditor.SetVariableAsync(envFile, Variable, url, cancellationToken).ConfigureAwait(false);
        terminal.Output.WriteLine($"Wrote {Variable} to {envFile}. Stop and start the server with aksara db stop / aksara db start.");
        return new DatabaseSetupResult(url, url, created, null, envFile);
    }

    /// <summary>With no terminal to ask on, every value needs a flag, or --yes to take the defaults.</summary>
    private void RequireFlagsWithoutTerminal(DatabaseSetupRequest request, string defaultDatabase)
    {
        if (terminal.IsInteractive || request.Yes)
            return;
        var missing = new List<string>();
        if (!request.Local)
        {
            if (request.Host is null) missing.Add($"--host (default {DatabaseSetupOptions.DefaultHost})");
            if (request.Port is null) missing.Add($"--port (default {DatabaseSetupOptions.DefaultPort})");
            if (request.User is null) missing.Add($"--user (default {DatabaseSetupOptions.DefaultUser})");
        }
        if (request.Database is null) missing.Add($"--database (default {defaultDatabase})");
        if (missing.Count > 0)
        {
            throw new DatabaseSetupException(DatabaseSetupFailure.InvalidInput,
                $"No terminal to ask on, and these values were not given: {string.Join(", ", missing)}. " +
                "Pass them (the password with --password-stdin), or --yes to accept the defaults.");
        }
    }

    private bool ConfirmReplacingExistingUrl(string envFile, bool yes)
    {
        if (!File.Exists(envFile) || DotEnvFile.Read(envFile).TryGetValue(Variable, out var existing) is false || string.IsNullOrWhiteSpace(existing))
            return true;

        var shown = DatabaseUrl.TryParse(existing, out var parsed, out _) ? parsed.ToMaskedString() : "(a value that is not a valid URL)";
        terminal.Output.WriteLine($"{envFile} already sets {Variable}={shown}");
        if (yes)
        {
            terminal.Output.WriteLine("Replacing it (--yes).");
            return true;
        }
        if (!terminal.IsInteractive)
        {
            throw new DatabaseSetupException(DatabaseSetupFailure.InvalidInput,
                $"{Variable} is already set in {envFile}. Pass --yes to replace it (no terminal to ask on).");
        }
        terminal.Output.Write("Replace it? [y/N] ");
        var answer = terminal.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Asks until the answer is valid; an empty answer (or --yes, or no terminal) takes the default.</summary>
    private string Ask(string label, string defaultValue, bool useDefault, Func<string, string?> validate)
    {
        if (useDefault || !terminal.IsInteractive)
            return defaultValue;
        while (true)
        {
            terminal.Output.Write($"{label} [{defaultValue}]: ");
            var answer = terminal.ReadLine();
            if (answer is null)
                throw new DatabaseSetupException(DatabaseSetupFailure.InvalidInput, $"Input ended before {label.ToLowerInvariant()} was given.");
            answer = answer.Trim();
            if (answer.Length == 0)
                return defaultValue;
            if (validate(answer) is not { } error)
                return answer;
            terminal.Output.WriteLine(error);
        }
    }
}
