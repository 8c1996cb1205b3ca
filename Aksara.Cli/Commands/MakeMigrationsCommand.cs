using System.CommandLine;
using Aksara.Cli.Help;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara makemigrations</c>: diff the application's models against the snapshot and write the next script.
/// The options live here; <see cref="MakeMigrationsHandler"/> does the work.
/// </summary>
internal static class MakeMigrationsCommand
{
    private static readonly CommandHelp s_help = new(
        [
            "aksara makemigrations                             # the .csproj in this folder",
            "aksara makemigrations --app src/Shop -n add_phone  # writes src/Shop/migrations/0002_add_phone.sql",
            "aksara makemigrations --check --json              # for CI: exit 1 when the models have unrecorded changes",
            "aksara makemigrations --stdout                    # print the script, write nothing",
        ],
        ExitCodes.Help(success: "the scripts were written, or no changes were detected",
            failure: "a change was refused (destructive, a table rewrite, an unconfirmed rename, …), the app failed to build, or --check found changes",
            configuration: "an invalid setting (e.g. in appsettings.json)"));

    public static Command Create() => Create(Console.In, () => !Console.IsInputRedirected);

    /// <param name="input">Where rename questions are answered.</param>
    /// <param name="isTerminal">Whether <paramref name="input"/> is a person at a terminal; tests say no, or script the answers.</param>
    internal static Command Create(TextReader input, Func<bool> isTerminal)
    {
        var app = new Option<string>("--app") { Description = "The application: its .csproj (built first), a folder holding one, or its compiled .dll [the .csproj in this folder].", HelpName = "PATH" };
        var name = new Option<string>("--name", "-n") { Description = "Name of the script, after its number [derived from the changes, e.g. add_customers_phone]." };
        var output = new Option<string>("--output", "-o", "--migrations-dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else migrations; relative to the app's folder].", HelpName = "DIR" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the models have changes no migration records (for CI; no database needed)." };
        var stdout = new Option<bool>("--stdout") { Description = "Print the script instead of writing it (the snapshot is not updated either)." };
        var allowDestructive = new Option<bool>("--allow-destructive") { Description = "Also write drops of tables and columns and narrowing type changes (each marked aksara:destructive)." };
        var allowRewrite = new Option<bool>("--allow-rewrite") { Description = "Also write changes that rewrite a table holding rows under ACCESS EXCLUSIVE (most type changes, a volatile default on a new column); the script is marked aksara:rewrites-table." };
        var @unsafe = new Option<bool>("--unsafe") { Description = "Write plain DDL in one script, which blocks writers while it scans or builds, instead of the lock-safe scripts for a live database (for a maintenance window)." };
        var noInput = new Option<bool>("--no-input") { Description = "Never ask: a possible rename without [RenamedFrom] fails instead of prompting." };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON for machines: with --check {\"up_to_date\", \"problems\": [{\"code\", \"message\"}]}; else the scripts written "
                + "(name, path, operations, SQL) or, when a change is refused, {\"successful\": false, \"error\", \"problems\"}. Progress goes to stderr.",
        };

        var command = new AksaraCommand("makemigrations", "Write the next migration script from the changes to the models since the last one. "
            + "In an app that uses modules ([assembly: UseAksaraModule(\"auth\")]), first take the modules' new migrations into migrations/modules/<module>/; "
            + "in a module's own project ([assembly: AksaraModule(\"auth\")]), record in each script the tables it changes.", s_help)
        {
            app, name, output, check, stdout, allowDestructive, allowRewrite, @unsafe, noInput, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new MakeMigrationsRequest(
                parseResult.GetValue(app), parseResult.GetValue(name), parseResult.GetValue(output), parseResult.GetValue(check),
                parseResult.GetValue(stdout), parseResult.GetValue(allowDestructive), parseResult.GetValue(allowRewrite),
                parseResult.GetValue(@unsafe), parseResult.GetValue(noInput), parseResult.GetValue(json));
            return new MakeMigrationsHandler(parseResult.InvocationConfiguration, input, isTerminal).RunAsync(request, cancellationToken);
        });
        return command;
    }
}
