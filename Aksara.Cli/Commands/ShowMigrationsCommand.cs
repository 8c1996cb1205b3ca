using System.CommandLine;
using Aksara.Cli.Help;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara showmigrations</c>: every migration and whether it is applied (the same as <c>aksara migrate --list</c>).
/// The options live here; <see cref="ShowMigrationsHandler"/> does the work.
/// </summary>
internal static class ShowMigrationsCommand
{
    private static readonly CommandHelp s_help = new(
        ["aksara showmigrations", "aksara showmigrations --json | jq -r '.migrations[] | select(.state == \"pending\") | .name'", "aksara -C publish showmigrations"],
        ExitCodes.Help(success: "the migrations were listed (whatever their state)",
            configuration: "no DATABASE_URL and no running local database, or an invalid setting",
            unreachable: "the database is unreachable or refused the credentials"));

    public static Command Create()
    {
        var databaseUrl = new Option<string>("--database-url") { Description = "The database to inspect [DATABASE_URL].", HelpName = "URL" };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else ./migrations].", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines: {\"migrations\": [{\"name\", \"state\", \"applied_at\", \"execution_ms\", \"reversible\"}]}." };
        var command = new AksaraCommand("showmigrations", "List the migrations: [X] applied, [ ] pending, [!] modified after it was applied, [?] applied but missing, [~] interrupted.", s_help)
        {
            databaseUrl, migrationsDir, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new ShowMigrationsRequest(parseResult.GetValue(databaseUrl), parseResult.GetValue(migrationsDir), parseResult.GetValue(json));
            return new ShowMigrationsHandler(parseResult.InvocationConfiguration).RunAsync(request, cancellationToken);
        });
        return command;
    }
}
