using System.CommandLine;
using System.Text.Json.Nodes;
using Aksara.Cli.Help;
using Aksara.Cli.Output;
using Aksara.Cli.Setup;

namespace Aksara.Cli.Commands;

/// <summary><c>aksara dbsetup</c>: create the app's database and write <c>DATABASE_URL</c> to <c>.env</c>.</summary>
internal static class DbSetupCommand
{
    private static readonly CommandHelp s_help = new(
        [
            "aksara dbsetup                                  # asks for host, port, user, password and name",
            "aksara dbsetup --local --database shop          # a cluster of this project's own in .aksara/postgres",
            "echo \"$PW\" | aksara dbsetup --host db.internal --user admin --password-stdin --database shop --create-role shop_app --yes --json",
        ],
        ExitCodes.Help(success: "the database is set up and DATABASE_URL written (or the existing one kept)",
            failure: "the server refused (e.g. the user lacks CREATEDB)",
            configuration: "the .env file cannot be read or written",
            unreachable: "nothing answers at the host and port, or the user or password was refused"));

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
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout (questions and progress go to stderr): {\"successful\", \"database_url\" (masked), \"env_file\", \"database_created\", \"runtime_role\", \"error\"}." };

        var command = new AksaraCommand("dbsetup", "Create the app's PostgreSQL database and write DATABASE_URL to .env (asks for anything not given).", s_help)
        {
            host, port, user, passwordStdin, database, envFile, yes, createRole, local, json,
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
            var console = parseResult.InvocationConfiguration;
            var asJson = parseResult.GetValue(json);
            // With --json, stdout holds only the document: the questions and what the wizard says go to stderr.
            var terminal = terminalFor(asJson ? console.Error : console.Output);
            try
            {
                var result = await new DatabaseSetupWizard(terminal).RunAsync(request, cancellationToken).ConfigureAwait(false);
                if (asJson)
                    CliJson.Write(console.Output, ToJson(result));
                return ExitCodes.Success;
            }
            catch (AksaraException ex) when (asJson || ex is DatabaseSetupException)
            {
                return ExitCodes.Report(ex, console, asJson);
            }
        });
        return command;
    }

    /// <summary>The result; null (the user kept the existing URL) is a success that changed nothing.</summary>
    private static JsonObject ToJson(DatabaseSetupResult? result) => new()
    {
        ["successful"] = true,
        ["changed"] = result is not null,
        ["database_url"] = result?.MaskedDatabaseUrl,
        ["env_file"] = result is null ? null : Path.GetFullPath(result.EnvFile),
        ["database_created"] = result?.DatabaseCreated ?? false,
        ["runtime_role"] = result?.RoleCreated,
        ["error"] = null,
    };
}
