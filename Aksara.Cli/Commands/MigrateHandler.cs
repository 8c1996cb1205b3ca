using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Aksara.Cli.Output;
using Aksara.Configuration;
using Aksara.Migrations;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Loading;
using Aksara.Migrations.Modules;
using Aksara.Migrations.Running;

namespace Aksara.Cli.Commands;

/// <summary>Carries out a <see cref="MigrateRequest"/> with the library's <see cref="MigrationRunner"/>, and reports the outcome.</summary>
internal sealed class MigrateHandler(InvocationConfiguration console, TextReader input, Func<bool> isTerminal)
{
    public async Task<int> RunAsync(MigrateRequest request, CancellationToken cancellationToken)
    {
        if (request.UsageError() is { } usage)
        {
            console.Error.WriteError(usage);
            if (request.Json)
                CliJson.Write(console.Output, CliJson.Failure(new CliProblem(CliProblem.UsageError, usage)));
            return ExitCodes.UsageError;
        }
        try
        {
            // With --app, the migrations folder is the app's, as for makemigrations.
            var contentRoot = request.App is { } appPath ? AppLocator.Locate(appPath, Directory.GetCurrentDirectory()).ContentRoot : null;
            var environment = MigrationEnvironment.Load(request.MigrationsDir, request.DatabaseUrl, contentRoot);
            if (SearchPath.MismatchWarning(environment.Options) is { } warning)
                console.Error.WriteWarning(warning);
            if (request.GrantTo is { } runtimeRole)
                environment.Options.Migrations.RuntimeRole = runtimeRole;
            await using var database = await environment.OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
            if (environment.LocalDevelopmentDatabaseUrl is { } localUrl)
                console.Error.WriteLine($"Using this project's local development database {localUrl} (DATABASE_URL is not set).");
            var builder = MigrationRunner.For(database).FromDirectory(environment.Directory.Path);
            if (request.LockTimeoutSeconds is { } seconds)
                builder.WithLockTimeout(TimeSpan.FromSeconds(seconds));
            if (request.DdlLockTimeoutSeconds is { } ddlSeconds)
                builder.WithDdlLockTimeout(TimeSpan.FromSeconds(ddlSeconds));
            if (request.DdlAttempts is { } attempts)
                builder.WithDdlRetries(attempts);
            // Which script runs now, on stderr (see the run below). Retries go there too, so that --json output stays one document.
            using var progress = new ProgressLine(console.Error);
            builder.OnDdlLockRetry(retry => progress.WriteAbove($"{TerminalStyle.For(console.Error).Attention("retry:")} {retry.Message}"));

            if (request.List)
            {
                var statuses = await builder.Build().GetStatusAsync(cancellationToken).ConfigureAwait(false);
                StatusOutput.Write(console.Output, statuses, request.Json);
                return ExitCodes.Success;
            }
            if (request.Check)
                return await CheckAsync(builder.Build(), environment, request, cancellationToken).ConfigureAwait(false);
            if (request.DryRun)
                return DryRun(await builder.Build().GetPlanAsync(request.To, cancellationToken).ConfigureAwait(false), request.Json);
            if (request.Resolve is { } name)
            {
                await builder.Build().ResolveAsync(name, request.Applied, cancellationToken).ConfigureAwait(false);
                if (request.Json)
                    CliJson.Write(console.Output, new JsonObject { ["successful"] = true, ["resolved"] = name, ["recorded_as"] = request.Applied ? "applied" : "rolled_back", ["error"] = null });
                else
                    console.Output.WriteLine($"Recorded {name} as {(request.Applied ? "applied" : "rolled back (the next run applies it again)")}.");
                return ExitCodes.Success;
            }
            if (request.Fake)
            {
                var runner = builder.Build();
                var faked = request.To is null
                    ? await runner.MarkAsAppliedAsync(cancellationToken).ConfigureAwait(false)
                    : await runner.FakeToAsync(request.To, cancellationToken).ConfigureAwait(false);
                return Report(faked, request.Json, " as applied (not run)");
            }

            var allowDestructive = request.Yes;
            var plan = await PlanToConfirmAsync(builder.Build(), request.To, cancellationToken).ConfigureAwait(false);
            if (request.To is not null && !allowDestructive && plan is not null)
            {
                if (plan.Reverts.Where(revert => revert.IsDestructive).ToList() is { Count: > 0 } destructive)
                {
                    if (Confirm(destructive, request.Json) is { } refusal)
                        return refusal;
                    allowDestructive = true;
                }
            }
            if (!request.Json)
                console.Output.WriteLine($"Applying migrations from {environment.Directory.Path} to {database.MaskedUrl}");
            // The plan gives the order of the scripts; each finished script starts the next step.
            var steps = new Queue<string>((plan?.Reverts.Select(revert => $"Reverting {revert.Name}…") ?? [])
                .Concat(plan?.Applies.Select(migration => $"Applying {migration.Name}{(migration.RunsInTransaction ? "" : " (no transaction: concurrent index builds may take long)")}…") ?? []));
            void Next()
            {
                progress.Done();
                if (steps.TryDequeue(out var step))
                    progress.Step(step);
            }
            var style = TerminalStyle.For(console.Output);
            builder.OnScriptApplied(done =>
            {
                progress.Done();
                if (!request.Json)
                    console.Output.WriteLine($"  {style.Bold(done.Name)} ... {Milliseconds(done)} ms");
                Next();
            }).OnMigrationReverted(done =>
            {
                progress.Done();
                if (!request.Json)
                    console.Output.WriteLine($"  reverted {style.Bold(done.Name)} ... {Milliseconds(done)} ms");
                Next();
            });
            Next();
            var result = request.To is null
                ? await builder.Build().MigrateAsync(cancellationToken).ConfigureAwait(false)
                : await builder.Build().MigrateToAsync(request.To, allowDestructive, cancellationToken).ConfigureAwait(false);
            progress.Done();
            return Report(result, request.Json, "");
        }
        catch (AksaraException ex)
        {
            console.Error.WriteError(ex.Message);
            // --json answers with a JSON document also when the command could not start (no DATABASE_URL, no server).
            if (request.Json)
                CliJson.Write(console.Output, request.List || request.Check || request.DryRun ? CliJson.Failure(CliProblem.From(ex)) : RunJson(false, [], [], CliProblem.From(ex)));
            return ExitCodes.Of(ex);
        }
    }

    /// <summary>
    /// The plan to confirm destructive reverts from, or null when the journal cannot be planned from yet (a script interrupted
    /// by a killed run): the run itself then settles it if the database shows the outcome, or reports it, and without
    /// confirmation still refuses any destructive revert.
    /// </summary>
    private static async Task<MigrationPlan?> PlanToConfirmAsync(MigrationRunner runner, string? target, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.GetPlanAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (AksaraException ex) when (ex is not AksaraConnectionException and not AksaraConfigurationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Asks on a terminal; elsewhere refuses (a usage error: --yes was needed), naming the migrations and the flag. Null to go
    /// ahead, else the exit code.
    /// </summary>
    private int? Confirm(IReadOnlyList<PlannedRevert> destructive, bool json)
    {
        if (!isTerminal() || json)
        {
            var message = $"reverting {string.Join(", ", destructive.Select(revert => revert.Name))} deletes data "
                + $"({string.Join("; ", destructive.SelectMany(revert => revert.DataLoss))}). Nothing was changed. "
                + "Pass --yes to revert anyway" + (json ? "." : ", or run it in a terminal to be asked.");
            console.Error.WriteError(message);
            if (json)
                CliJson.Write(console.Output, RunJson(false, [], [], new CliProblem(CliProblem.DestructiveChange, message)));
            return ExitCodes.UsageError;
        }
        foreach (var revert in destructive)
        {
            console.Output.Write($"Revert {revert.Name}? It drops data: {string.Join("; ", revert.DataLoss.Select(Lower))}. [y/N] ");
            var answer = input.ReadLine()?.Trim();
            if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
            {
                console.Error.WriteLine($"Not reverting {revert.Name}. Nothing was changed.");
                return ExitCodes.Failure;
            }
        }
        return null;
    }

    private async Task<int> CheckAsync(MigrationRunner runner, MigrationEnvironment environment, MigrateRequest request, CancellationToken cancellationToken)
    {
        var problems = (await runner.GetStatusAsync(cancellationToken).ConfigureAwait(false))
            .Where(status => status.Problem is not null)
            .Select(status => new CliProblem(StatusOutput.ProblemCode(status), status.Problem!))
            .ToList();
        if (request.App is not null)
        {
            using var progress = new ProgressLine(console.Error);
            var app = await AppModels.LoadAsync(request.App, Directory.GetCurrentDirectory(), environment.Options.Schema, progress, cancellationToken).ConfigureAwait(false);
            progress.Done();
            problems.AddRange(ModuleFolders.Pending(environment.Directory, app.Modules)
                .Select(copy => new CliProblem(MakeMigrationsHandler.ModuleMigrationMissing, $"{copy} is not in the migrations folder yet: run `aksara makemigrations`")));
            problems.AddRange(new MigrationGenerator(environment.Directory).FindUnmigratedChanges(app.Schema)
                .Select(change => new CliProblem(MakeMigrationsHandler.UnmigratedChange, "the models have a change without a migration: " + change)));
        }
        var drift = request.NoDrift ? null : await runner.CheckDriftAsync(cancellationToken).ConfigureAwait(false);
        var upToDate = problems.Count == 0 && drift?.HasDrift != true;
        if (request.Json)
        {
            CliJson.Write(console.Output, new JsonObject
            {
                ["up_to_date"] = upToDate,
                ["problems"] = new JsonArray(problems.Select(problem => (JsonNode?)problem.ToJson()).ToArray()),
                ["drift"] = drift?.Report?.ToJson(),
                ["drift_skipped"] = request.NoDrift ? "--no-drift" : drift?.SkippedBecause,
            });
            return upToDate ? ExitCodes.Success : ExitCodes.Failure;
        }

        var style = TerminalStyle.For(console.Output);
        console.Output.WriteLine(upToDate ? style.Success("Migrations are up to date.") : style.Danger("Migrations are not up to date:"));
        foreach (var problem in problems)
            console.Output.WriteLine("  - " + problem.Message.ReplaceLineEndings(Environment.NewLine + "    "));
        foreach (var line in drift?.Report?.Lines ?? [])
            console.Output.WriteLine(line);
        if (drift?.Report is { Unmanaged.Count: > 0 } checkedReport)
            console.Output.WriteLine($"Not managed by the migrations (not compared): {string.Join(", ", checkedReport.Unmanaged.Select(MigrationOperation.Display))}.");
        return upToDate ? ExitCodes.Success : ExitCodes.Failure;
    }

    private int DryRun(MigrationPlan plan, bool json)
    {
        if (json)
        {
            CliJson.Write(console.Output, new JsonObject
            {
                ["successful"] = true,
                ["reverts"] = new JsonArray(plan.Reverts.Select(revert => (JsonNode?)PlannedScript(revert.Name, revert.RunsInTransaction, revert.Sql)).ToArray()),
                ["applies"] = new JsonArray(plan.Applies.Select(migration => (JsonNode?)PlannedScript(migration.Name, migration.RunsInTransaction, migration.Sql)).ToArray()),
                ["error"] = null,
            });
            return ExitCodes.Success;
        }
        if (plan.IsEmpty)
        {
            console.Output.WriteLine("-- No migrations to apply or revert.");
            return ExitCodes.Success;
        }
        foreach (var revert in plan.Reverts)
        {
            console.Output.WriteLine($"-- ===== revert {revert.Name} ({(revert.RunsInTransaction ? "in a transaction" : "without a transaction")}) =====");
            console.Output.WriteLine(revert.Sql.TrimEnd());
            console.Output.WriteLine();
        }
        foreach (var migration in plan.Applies)
        {
            console.Output.WriteLine($"-- ===== {migration.Name} ({(migration.RunsInTransaction ? "in a transaction" : "without a transaction")}) =====");
            console.Output.WriteLine(migration.Sql.TrimEnd());
            console.Output.WriteLine();
        }
        return ExitCodes.Success;
    }

    private static JsonObject PlannedScript(string name, bool inTransaction, string sql) =>
        new() { ["name"] = name, ["in_transaction"] = inTransaction, ["sql"] = sql };

    private int Report(MigrationResult result, bool json, string suffix)
    {
        if (json)
        {
            CliJson.Write(console.Output, RunJson(result.Successful, result.Applied, result.Reverted, result.Error is null ? null : CliProblem.From(result.Error)));
            if (result.Error is not null)
                console.Error.WriteError(result.Error.Message);
            return result.Error is null ? ExitCodes.Success : ExitCodes.Of(result.Error);
        }
        if (!result.Successful)
        {
            console.Error.WriteError(result.Error!.Message);
            if (result.Reverted.Count > 0)
                console.Error.WriteLine($"Reverted before the failure: {string.Join(", ", result.Reverted.Select(done => done.Name))}.");
            if (result.Applied.Count > 0)
                console.Error.WriteLine($"Applied before the failure: {string.Join(", ", result.Applied.Select(done => done.Name))}.");
            return ExitCodes.Of(result.Error);
        }
        if (result.Applied.Count == 0 && result.Reverted.Count == 0)
        {
            console.Output.WriteLine("No migrations to apply.");
            return ExitCodes.Success;
        }
        if (suffix.Length > 0)
        {
            foreach (var done in result.Reverted)
                console.Output.WriteLine($"  {done.Name} un-recorded (its down script did not run)");
            foreach (var done in result.Applied)
                console.Output.WriteLine($"  {done.Name}{suffix}");
        }
        var style = TerminalStyle.For(console.Output);
        if (result.Reverted.Count > 0)
            console.Output.WriteLine(style.Success($"{(suffix.Length > 0 ? "Un-recorded" : "Reverted")} {Count(result.Reverted.Count)}."));
        if (result.Applied.Count > 0)
            console.Output.WriteLine(style.Success($"{(suffix.Length > 0 ? "Recorded" : "Applied")} {Count(result.Applied.Count)}."));
        return ExitCodes.Success;
    }

    /// <summary>The document of a run (also <c>--to</c>, <c>--fake</c>): what was applied and reverted, and the problem that stopped it.</summary>
    private static JsonObject RunJson(bool successful, IReadOnlyList<AppliedMigration> applied, IReadOnlyList<AppliedMigration> reverted, CliProblem? error) => new()
    {
        ["successful"] = successful,
        ["applied"] = Items(applied),
        ["reverted"] = Items(reverted),
        ["error"] = error?.ToJson(),
    };

    private static JsonArray Items(IReadOnlyList<AppliedMigration> migrations) =>
        new(migrations.Select(done => (JsonNode?)new JsonObject { ["name"] = done.Name, ["ms"] = (long)done.Duration.TotalMilliseconds }).ToArray());

    private static string Count(int count) => $"{count} migration{(count == 1 ? "" : "s")}";

    private static string Milliseconds(AppliedMigration done) => done.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
