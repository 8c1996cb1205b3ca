using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public async Task<int> RunAsync(MigrateRequest request, CancellationToken cancellationToken)
    {
        if (request.UsageError() is { } usage)
        {
            console.Error.WriteLine($"error: {usage}");
            return ExitCodes.UsageError;
        }
        try
        {
            // With --app, the migrations folder is the app's, as for makemigrations.
            var contentRoot = request.App is { } appPath ? AppLocator.Locate(appPath, Directory.GetCurrentDirectory()).ContentRoot : null;
            var environment = MigrationEnvironment.Load(request.MigrationsDir, request.DatabaseUrl, contentRoot);
            if (SearchPath.MismatchWarning(environment.Options) is { } warning)
                console.Error.WriteLine($"warning: {warning}");
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
            // Retries go to stderr, so that --json output stays one document.
            builder.OnDdlLockRetry(retry => console.Error.WriteLine($"retry: {retry.Message}"));

            if (request.List)
            {
                var statuses = await builder.Build().GetStatusAsync(cancellationToken).ConfigureAwait(false);
                console.Output.WriteLine(request.Json ? StatusReport.ToJson(statuses) : StatusReport.ToText(statuses));
                return ExitCodes.Success;
            }
            if (request.Check)
                return await CheckAsync(builder.Build(), environment, request, cancellationToken).ConfigureAwait(false);
            if (request.DryRun)
                return DryRun(await builder.Build().GetPlanAsync(request.To, cancellationToken).ConfigureAwait(false));
            if (request.Resolve is { } name)
            {
                await builder.Build().ResolveAsync(name, request.Applied, cancellationToken).ConfigureAwait(false);
                console.Output.WriteLine(request.Json
                    ? new JsonObject { ["successful"] = true, ["resolved"] = name, ["recorded_as"] = request.Applied ? "applied" : "rolled_back" }.ToJsonString(s_json)
                    : $"Recorded {name} as {(request.Applied ? "applied" : "rolled back (the next run applies it again)")}.");
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
            if (request.To is not null && !allowDestructive && await PlanToConfirmAsync(builder.Build(), request.To, cancellationToken).ConfigureAwait(false) is { } plan)
            {
                if (plan.Reverts.Where(revert => revert.IsDestructive).ToList() is { Count: > 0 } destructive)
                {
                    if (Confirm(destructive) is { } refusal)
                        return refusal;
                    allowDestructive = true;
                }
            }
            if (!request.Json)
            {
                console.Output.WriteLine($"Applying migrations from {environment.Directory.Path} to {database.MaskedUrl}");
                builder.OnScriptApplied(done => console.Output.WriteLine($"  {done.Name} ... {Milliseconds(done)} ms"))
                    .OnMigrationReverted(done => console.Output.WriteLine($"  reverted {done.Name} ... {Milliseconds(done)} ms"));
            }
            var result = request.To is null
                ? await builder.Build().MigrateAsync(cancellationToken).ConfigureAwait(false)
                : await builder.Build().MigrateToAsync(request.To, allowDestructive, cancellationToken).ConfigureAwait(false);
            return Report(result, request.Json, "");
        }
        catch (AppLoadException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ex.IsUsageError ? ExitCodes.UsageError : ExitCodes.Failure;
        }
        catch (AksaraException ex)
        {
            var exitCode = ExitCodes.Report(ex, console.Error);
            // A run asked for JSON answers with a JSON document even when it could not start (no DATABASE_URL, no server).
            if (request.Json && !request.List && !request.Check && !request.DryRun)
                WriteRunJson(successful: false, [], [], ex.Message);
            return exitCode;
        }
    }

    /// <summary>
    /// The plan to confirm destructive reverts from, or null when the journal cannot be planned from yet (a script interrupted
    /// by a killed run): the run itself then settles it if the database shows the outcome, or reports it, and without
    /// confirmation still refuses any destructive revert.
    /// </summary>
    private static async Task<MigrationPlan?> PlanToConfirmAsync(MigrationRunner runner, string target, CancellationToken cancellationToken)
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
    private int? Confirm(IReadOnlyList<PlannedRevert> destructive)
    {
        if (!isTerminal())
        {
            console.Error.WriteLine($"error: reverting {string.Join(", ", destructive.Select(revert => revert.Name))} deletes data "
                + $"({string.Join("; ", destructive.SelectMany(revert => revert.DataLoss))}). Nothing was changed. "
                + "Pass --yes to revert anyway, or run it in a terminal to be asked.");
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
        var problems = (await runner.CheckAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (request.App is not null)
        {
            var app = await AppModels.LoadAsync(request.App, Directory.GetCurrentDirectory(), environment.Options.Schema, progress: null, cancellationToken).ConfigureAwait(false);
            problems.AddRange(ModuleFolders.Pending(environment.Directory, app.Modules).Select(copy => $"{copy} is not in the migrations folder yet: run `aksara makemigrations`"));
            problems.AddRange(new MigrationGenerator(environment.Directory).FindUnmigratedChanges(app.Schema)
                .Select(change => "the models have a change without a migration: " + change));
        }
        var drift = request.NoDrift ? null : await runner.CheckDriftAsync(cancellationToken).ConfigureAwait(false);
        var upToDate = problems.Count == 0 && drift?.HasDrift != true;
        if (request.Json)
        {
            var report = new JsonObject
            {
                ["upToDate"] = upToDate,
                ["problems"] = new JsonArray(problems.Select(problem => (JsonNode?)problem).ToArray()),
                ["drift"] = drift?.Report?.ToJson(),
                ["drift_skipped"] = request.NoDrift ? "--no-drift" : drift?.SkippedBecause,
            };
            console.Output.WriteLine(report.ToJsonString(s_json));
            return upToDate ? ExitCodes.Success : ExitCodes.Failure;
        }

        console.Output.WriteLine(upToDate ? "Migrations are up to date." : "Migrations are not up to date:");
        foreach (var problem in problems)
            console.Output.WriteLine("  - " + problem.ReplaceLineEndings(Environment.NewLine + "    "));
        foreach (var line in drift?.Report?.Lines ?? [])
            console.Output.WriteLine(line);
        if (drift?.Report is { Unmanaged.Count: > 0 } checkedReport)
            console.Output.WriteLine($"Not managed by the migrations (not compared): {string.Join(", ", checkedReport.Unmanaged.Select(MigrationOperation.Display))}.");
        return upToDate ? ExitCodes.Success : ExitCodes.Failure;
    }

    private int DryRun(MigrationPlan plan)
    {
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

    private int Report(MigrationResult result, bool json, string suffix)
    {
        if (json)
        {
            WriteRunJson(result.Successful, result.Applied, result.Reverted, result.Error?.Message);
            return result.Successful ? ExitCodes.Success : ExitCodes.Failure;
        }
        if (!result.Successful)
        {
            console.Error.WriteLine($"error: {result.Error!.Message}");
            if (result.Reverted.Count > 0)
                console.Error.WriteLine($"Reverted before the failure: {string.Join(", ", result.Reverted.Select(done => done.Name))}.");
            if (result.Applied.Count > 0)
                console.Error.WriteLine($"Applied before the failure: {string.Join(", ", result.Applied.Select(done => done.Name))}.");
            return ExitCodes.Failure;
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
        if (result.Reverted.Count > 0)
            console.Output.WriteLine($"{(suffix.Length > 0 ? "Un-recorded" : "Reverted")} {Count(result.Reverted.Count)}.");
        if (result.Applied.Count > 0)
            console.Output.WriteLine($"{(suffix.Length > 0 ? "Recorded" : "Applied")} {Count(result.Applied.Count)}.");
        return ExitCodes.Success;
    }

    private void WriteRunJson(bool successful, IReadOnlyList<AppliedMigration> applied, IReadOnlyList<AppliedMigration> reverted, string? error)
    {
        var report = new JsonObject
        {
            ["successful"] = successful,
            ["applied"] = Items(applied),
            ["reverted"] = Items(reverted),
            ["error"] = error,
        };
        console.Output.WriteLine(report.ToJsonString(s_json));
    }

    private static JsonArray Items(IReadOnlyList<AppliedMigration> migrations) =>
        new(migrations.Select(done => (JsonNode?)new JsonObject { ["name"] = done.Name, ["ms"] = (long)done.Duration.TotalMilliseconds }).ToArray());

    private static string Count(int count) => $"{count} migration{(count == 1 ? "" : "s")}";

    private static string Milliseconds(AppliedMigration done) => done.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
