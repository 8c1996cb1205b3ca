using System.CommandLine;
using Aksara.Cli.Help;
using Aksara.Migrations.Running;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara migrate</c>: apply the pending scripts, or move to a migration (<c>--to</c>); or, with <c>--check</c>,
/// <c>--list</c>, <c>--dry-run</c>, <c>--fake</c> or <c>--resolve</c>, report on them, record them, or settle an
/// interrupted one. The options live here; <see cref="MigrateHandler"/> does the work.
/// </summary>
internal static class MigrateCommand
{
    private static readonly CommandHelp s_help = new(
        [
            "aksara migrate                                   # apply the pending scripts",
            "aksara migrate --to 0002 --yes                   # move back to 0002 through the down scripts",
            "aksara migrate --check --json                    # for CI: exit 1 when pending, modified or drifted",
            "aksara migrate --dry-run --json | jq -r '.applies[].sql'",
            "aksara migrate --database-url \"$OWNER_URL\" --grant-to shop_app",
        ],
        ExitCodes.Help(success: "applied (or nothing to apply); --check: up to date",
            failure: "a script failed (rolled back), the lock was not had in time, or --check found something",
            configuration: "no DATABASE_URL and no running local database, or an invalid setting",
            unreachable: "the database is unreachable or refused the credentials"));

    public static Command Create() => Create(Console.In, () => !Console.IsInputRedirected);

    /// <param name="input">Where a destructive revert is confirmed.</param>
    /// <param name="isTerminal">Whether <paramref name="input"/> is a person at a terminal; tests say no, or script the answers.</param>
    internal static Command Create(TextReader input, Func<bool> isTerminal)
    {
        var databaseUrl = new Option<string>("--database-url") { Description = "The database to migrate [DATABASE_URL, else this project's running local development database].", HelpName = "URL" };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else ./migrations].", HelpName = "DIR" };
        var to = new Option<string>("--to")
        {
            Description = "Move to this migration: apply the pending ones up to and including it, or revert (with their down scripts, newest first) "
                + "every applied one after it. `zero` reverts everything. A name, or just its number (0002); a module's with its module "
                + "(auth:0002, auth:zero), which moves only that module's migrations.",
            HelpName = "NAME",
        };
        var yes = new Option<bool>("--yes", "-y") { Description = "With --to: revert through down scripts that delete data (marked aksara:destructive) without asking." };
        var check = new Option<bool>("--check")
        {
            Description = "Apply nothing; exit 1 when a script is pending, applied but missing, modified after it was applied, or interrupted, "
                + "or when the live schema differs from the snapshot (drift).",
        };
        var noDrift = new Option<bool>("--no-drift") { Description = "With --check: skip the comparison of the live schema with the snapshot." };
        var app = new Option<string>("--app") { Description = "With --check: also fail when the application's models have changes without a migration.", HelpName = "PATH" };
        var list = new Option<bool>("--list") { Description = "List the migrations, whether each is applied and whether it can be reverted (like `aksara showmigrations`)." };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON document for machines, also when the command fails: the report of --list or --check, the scripts of --dry-run "
                + "({\"applies\": [{\"name\", \"in_transaction\", \"sql\"}], \"reverts\": […]}), or the result of the run "
                + "({\"successful\", \"applied\", \"reverted\", \"error\": {\"code\", \"message\"} or null}). Messages and progress go to stderr.",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the SQL that would run (with --to: the down scripts too), and change nothing; with --json, the scripts as fields." };
        var fake = new Option<bool>("--fake") { Description = "Record the pending scripts as applied without running them (the schema is already there); with --to, only up to NAME, or un-record those after it." };
        var resolve = new Option<string>("--resolve")
        {
            Description = "Settle a migration that a killed run left in progress, with --applied (its changes are all in the database) or --rolled-back (none are).",
            HelpName = "NAME",
        };
        var applied = new Option<bool>("--applied") { Description = "With --resolve: record the migration as applied." };
        var rolledBack = new Option<bool>("--rolled-back") { Description = "With --resolve: remove its journal row, so the next run applies it again." };
        var lockTimeout = NumericOption.WholeNumber("--lock-timeout", example: "30", helpName: "SECONDS",
            description: $"Seconds to wait while another migration run holds the lock [{MigrationRunner.DefaultLockTimeout.TotalSeconds:0}].");
        var ddlLockTimeout = NumericOption.Seconds("--ddl-lock-timeout", example: "0.5", helpName: "SECONDS",
            description: "Seconds each statement may wait for a table lock before its script is rolled back and retried, so that a migration never "
                + "holds up the table's traffic behind a long query; 0 waits without limit [AKSARA_MIGRATIONS_DDL_LOCK_TIMEOUT, else 2].");
        var ddlRetries = NumericOption.WholeNumber("--ddl-retries", example: "5", helpName: "N",
            description: $"How many times in all a script that hit the DDL lock timeout is tried, with growing waits in between [{LockRetryPolicy.DefaultAttempts}].");

        var grantTo = new Option<string>("--grant-to")
        {
            Description = "After a successful run, grant this role what the application needs at run time and nothing more (USAGE on the schemas, "
                + "SELECT/INSERT/UPDATE/DELETE on tables, USAGE/SELECT on sequences, also by default on later tables) [AKSARA_MIGRATIONS_RUNTIME_ROLE].",
            HelpName = "ROLE",
        };

        var command = new AksaraCommand("migrate", "Apply the pending migration scripts, in order, each in its own transaction; or move back and forth with --to.", s_help)
        {
            databaseUrl, migrationsDir, to, yes, check, noDrift, app, list, json, dryRun, fake, resolve, applied, rolledBack, lockTimeout, ddlLockTimeout, ddlRetries, grantTo,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new MigrateRequest(
                parseResult.GetValue(databaseUrl), parseResult.GetValue(migrationsDir), parseResult.GetValue(to), parseResult.GetValue(yes),
                parseResult.GetValue(check), parseResult.GetValue(noDrift), parseResult.GetValue(app), parseResult.GetValue(list), parseResult.GetValue(json),
                parseResult.GetValue(dryRun), parseResult.GetValue(fake), parseResult.GetValue(resolve), parseResult.GetValue(applied),
                parseResult.GetValue(rolledBack), parseResult.GetValue(lockTimeout))
            {
                DdlLockTimeoutSeconds = parseResult.GetValue(ddlLockTimeout),
                DdlAttempts = parseResult.GetValue(ddlRetries),
                GrantTo = parseResult.GetValue(grantTo),
            };
            return new MigrateHandler(parseResult.InvocationConfiguration, input, isTerminal).RunAsync(request, cancellationToken);
        });
        return command;
    }
}
