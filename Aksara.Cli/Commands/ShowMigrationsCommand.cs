using System.CommandLine;
using Aksara.Migrations;
using Aksara.Migrations.Running;

namespace Aksara.Cli.Commands;

/// <summary><c>aksara showmigrations</c>: every migration and whether it is applied (the same as <c>aksara migrate --list</c>).</summary>
internal static class ShowMigrationsCommand
{
    public static Command Create()
    {
        var databaseUrl = new Option<string>("--database-url") { Description = "The database to inspect [DATABASE_URL].", HelpName = "URL" };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else ./migrations].", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("showmigrations", "List the migrations: [X] applied, [ ] pending, [!] modified after it was applied, [?] applied but missing.")
        {
            databaseUrl, migrationsDir, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = parseResult.InvocationConfiguration;
            try
            {
                var environment = MigrationEnvironment.Load(parseResult.GetValue(migrationsDir), parseResult.GetValue(databaseUrl));
                await using var database = environment.OpenDatabase();
                var runner = MigrationRunner.For(database).FromDirectory(environment.Directory.Path).Build();
                var statuses = await runner.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                console.Output.WriteLine(parseResult.GetValue(json) ? StatusReport.ToJson(statuses) : StatusReport.ToText(statuses));
                return ExitCodes.Success;
            }
            catch (AksaraException ex)
            {
                return ExitCodes.Report(ex, console.Error);
            }
        });
        return command;
    }
}
