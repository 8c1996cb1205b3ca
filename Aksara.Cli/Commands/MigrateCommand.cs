using System.CommandLine;
using System.Globalization;
using Aksara.Migrations;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Loading;
using Aksara.Migrations.Running;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara migrate</c>: apply the pending scripts; or, with <c>--check</c>, <c>--list</c>, <c>--dry-run</c> or
/// <c>--fake</c>, report on them or record them without running them.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var databaseUrl = new Option<string>("--database-url") { Description = "The database to migrate [DATABASE_URL].", HelpName = "URL" };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else ./migrations].", HelpName = "DIR" };
        var check = new Option<bool>("--check") { Description = "Apply nothing; exit 1 when a script is pending, applied but missing, or modified after it was applied." };
        var app = new Option<string>("--app") { Description = "With --check: also fail when the application's models have changes without a migration.", HelpName = "PATH" };
        var list = new Option<bool>("--list") { Description = "List the migrations and whether each is applied (like `aksara showmigrations`)." };
        var json = new Option<bool>("--json") { Description = "With --list or --check: print JSON for machines." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the SQL that would run, and change nothing." };
        var fake = new Option<bool>("--fake") { Description = "Record the pending scripts as applied without running them (the schema is already there)." };
        var lockTimeout = new Option<int?>("--lock-timeout")
        {
            Description = $"Seconds to wait while another migration run holds the lock [{MigrationRunner.DefaultLockTimeout.TotalSeconds:0}].",
            HelpName = "SECONDS",
        };

        var command = new Command("migrate", "Apply the pending migration scripts, in order, each in its own transaction.")
        {
            databaseUrl, migrationsDir, check, app, list, json, dryRun, fake, lockTimeout,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = parseResult.InvocationConfiguration;
            var modes = new[] { check, list, dryRun, fake }.Where(option => parseResult.GetValue(option)).Select(option => option.Name).ToList();
            if (modes.Count > 1)
            {
                console.Error.WriteLine($"error: {string.Join(" and ", modes)} cannot be combined; pass one of them.");
                return ExitCodes.UsageError;
            }
            if (parseResult.GetValue(app) is not null && !parseResult.GetValue(check))
            {
                console.Error.WriteLine("error: --app goes with --check (to also check the models for changes without a migration).");
                return ExitCodes.UsageError;
            }
            if (parseResult.GetValue(lockTimeout) is < 0)
            {
                console.Error.WriteLine("error: --lock-timeout must be 0 or more seconds.");
                return ExitCodes.UsageError;
            }

            try
            {
                // With --app, the migrations folder is the app's, as for makemigrations.
                var contentRoot = parseResult.GetValue(app) is { } appPath ? AppLocator.Locate(appPath, Directory.GetCurrentDirectory()).ContentRoot : null;
                var environment = MigrationEnvironment.Load(parseResult.GetValue(migrationsDir), parseResult.GetValue(databaseUrl), contentRoot);
                await using var database = environment.OpenDatabase();
                var builder = MigrationRunner.For(database).FromDirectory(environment.Directory.Path);
                if (parseResult.GetValue(lockTimeout) is { } seconds)
                    builder.WithLockTimeout(TimeSpan.FromSeconds(seconds));

                if (parseResult.GetValue(list))
                {
                    var statuses = await builder.Build().GetStatusAsync(cancellationToken).ConfigureAwait(false);
                    console.Output.WriteLine(parseResult.GetValue(json) ? StatusReport.ToJson(statuses) : StatusReport.ToText(statuses));
                    return ExitCodes.Success;
                }
                if (parseResult.GetValue(check))
                    return await CheckAsync(builder.Build(), environment, parseResult.GetValue(app), parseResult.GetValue(json), console, cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(dryRun))
                    return await DryRunAsync(builder.Build(), console, cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(fake))
                    return Report(await builder.Build().MarkAsAppliedAsync(cancellationToken).ConfigureAwait(false), "Recorded", " as applied (not run)", console);

                console.Output.WriteLine($"Applying migrations from {environment.Directory.Path} to {database.MaskedUrl}");
                builder.OnScriptApplied(applied =>
                    console.Output.WriteLine($"  {applied.Name} ... {applied.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"));
                return Report(await builder.Build().MigrateAsync(cancellationToken).ConfigureAwait(false), "Applied", "", console);
            }
            catch (AppLoadException ex)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return ex.IsUsageError ? ExitCodes.UsageError : ExitCodes.Failure;
            }
            catch (AksaraException ex)
            {
                return ExitCodes.Report(ex, console.Error);
            }
        });
        return command;
    }

    private static async Task<int> CheckAsync(
        MigrationRunner runner, MigrationEnvironment environment, string? app, bool json, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var problems = (await runner.CheckAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (app is not null)
        {
            var models = await AppModels.LoadSchemaAsync(app, Directory.GetCurrentDirectory(), progress: null, cancellationToken).ConfigureAwait(false);
            problems.AddRange(new MigrationGenerator(environment.Directory).FindUnmigratedChanges(models)
                .Select(change => "the models have a change without a migration: " + change));
        }
        if (json)
        {
            var report = new System.Text.Json.Nodes.JsonObject
            {
                ["upToDate"] = problems.Count == 0,
                ["problems"] = new System.Text.Json.Nodes.JsonArray(problems.Select(problem => (System.Text.Json.Nodes.JsonNode?)problem).ToArray()),
            };
            console.Output.WriteLine(report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        else if (problems.Count == 0)
        {
            console.Output.WriteLine("Migrations are up to date.");
        }
        else
        {
            console.Output.WriteLine("Migrations are not up to date:");
            foreach (var problem in problems)
                console.Output.WriteLine("  - " + problem.ReplaceLineEndings(Environment.NewLine + "    "));
        }
        return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task<int> DryRunAsync(MigrationRunner runner, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var pending = await runner.GetPendingAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            console.Output.WriteLine("-- No migrations to apply.");
            return ExitCodes.Success;
        }
        foreach (var migration in pending)
        {
            console.Output.WriteLine($"-- ===== {migration.Name} ({(migration.RunsInTransaction ? "in a transaction" : "without a transaction")}) =====");
            console.Output.WriteLine(migration.Sql.TrimEnd());
            console.Output.WriteLine();
        }
        return ExitCodes.Success;
    }

    private static int Report(MigrationResult result, string verb, string suffix, InvocationConfiguration console)
    {
        if (!result.Successful)
        {
            console.Error.WriteLine($"error: {result.Error!.Message}");
            if (result.Applied.Count > 0)
                console.Error.WriteLine($"{verb} before the failure: {string.Join(", ", result.Applied.Select(applied => applied.Name))}.");
            return ExitCodes.Failure;
        }
        if (result.Applied.Count == 0)
        {
            console.Output.WriteLine("No migrations to apply.");
            return ExitCodes.Success;
        }
        if (suffix.Length > 0)
        {
            foreach (var applied in result.Applied)
                console.Output.WriteLine($"  {applied.Name}{suffix}");
        }
        console.Output.WriteLine($"{verb} {result.Applied.Count} migration{(result.Applied.Count == 1 ? "" : "s")}.");
        return ExitCodes.Success;
    }
}
