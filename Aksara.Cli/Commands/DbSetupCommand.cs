using System.CommandLine;
using Aksara.Cli.Setup;

namespace Aksara.Cli.Commands;

/// <summary><c>aksara dbsetup</c>: create the app's database and write <c>DATABASE_URL</c> to <c>.env</c>.</summary>
internal static class DbSetupCommand
{
    public static Command Create() => Create(output => new ConsoleSetupTerminal(output));

    /// <param name="terminalFor">Makes the terminal from the invocation's output writer; tests pass a scripted one.</param>
    internal static Command Create(Func<TextWriter, ISetupTerminal> terminalFor)
    {
        var host = new Option<string>("--host") { Description = "PostgreSQL host name, IP address or socket directory [localhost]." };
        var port = NumericOption.WholeNumber("--port", example: "5432", helpName: null, description: "PostgreSQL port [5432].");
        var user = new Option<string>("--user") { Description = "User to connect as; it needs CREATEDB [postgres]." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var database = new Option<string>("--database") { Description = "Name of the database to create [this folder's name]." };
        var envFile = new Option<string>("--env-file") { Description = "The .env file to write DATABASE_URL to [./.env]." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Replace an existing DATABASE_URL without asking, and take the default of every value not given." };
        var createRole = new Option<string>("--create-role") { Description = "Also create this login role as the app's runtime role: a generated password (sent only as a SCRAM-SHA-256 verifier), only the rights the app needs in its schema (Aksara:Schema; no DDL), its URL written as DATABASE_URL and its name as AKSARA_MIGRATIONS_RUNTIME_ROLE. --user stays the owner that migrates.", HelpName = "NAME" };
        var local = new Option<bool>("--local") { Description = "Create and start a PostgreSQL cluster for this project in .aksara/postgres instead of using a server." };

        var command = new Command("dbsetup", "Create the app's PostgreSQL database and write DATABASE_URL to .env (asks for anything not given).")
        {
            host, port, user, passwordStdin, database, envFile, yes, createRole, local,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new DatabaseSetupRequest
            {
                Host = parseResult.GetValue(host),
                Port = parseResult.GetValue(port),
                User = parseResult.GetValue(user),
                PasswordFromStdin = parseResult.GetValue(passwordStdin),
                Database = parseResult.GetValue(database),
                EnvFile = parseResult.GetValue(envFile),
                Yes = parseResult.GetValue(yes),
                CreateRole = parseResult.GetValue(createRole),
                Local = parseResult.GetValue(local),
            };
            var terminal = terminalFor(parseResult.InvocationConfiguration.Output);
            try
            {
                await new DatabaseSetupWizard(terminal).RunAsync(request, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (DatabaseSetupException ex)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return ex.Failure switch
                {
                    DatabaseSetupFailure.InvalidInput => ExitCodes.UsageError,
                    DatabaseSetupFailure.Unreachable or DatabaseSetupFailure.AuthenticationFailed => ExitCodes.DatabaseUnreachable,
                    _ => ExitCodes.Failure,
                };
            }
            catch (AksaraConfigurationException ex)
            {
                return ExitCodes.Report(ex, parseResult.InvocationConfiguration.Error);
            }
        });
        return command;
    }
}
