using System.CommandLine;
using System.Text.Json.Nodes;
using Aksara.Cli.Output;
using Aksara.Migrations;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Loading;
using Aksara.Migrations.Modules;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;

namespace Aksara.Cli.Commands;

/// <summary>
/// Carries out a <see cref="MakeMigrationsRequest"/>: loads the models, then checks them against the snapshot or writes
/// the next scripts with the library's <see cref="MigrationGenerator"/>, and reports the outcome.
/// </summary>
internal sealed class MakeMigrationsHandler(InvocationConfiguration console, TextReader input, Func<bool> isTerminal)
{
    /// <summary>The problem code of a model change no migration records (<c>--check</c>).</summary>
    public const string UnmigratedChange = "unmigrated_change";

    /// <summary>The problem code of a module's migration not yet taken into the application's folder.</summary>
    public const string ModuleMigrationMissing = "module_migration_missing";

    public async Task<int> RunAsync(MakeMigrationsRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // The migrations folder is the app's, wherever aksara runs from (a bare .dll has no folder of its own).
            var contentRoot = AppLocator.Locate(request.App, Directory.GetCurrentDirectory()).ContentRoot;
            var environment = MigrationEnvironment.Load(migrationsDir: request.MigrationsDir, contentRoot: contentRoot);
            LoadedApp app;
            using (var progress = new ProgressLine(console.Error))
                app = await AppModels.LoadAsync(request.App, Directory.GetCurrentDirectory(), environment.Options.Schema, progress, cancellationToken).ConfigureAwait(false);
            var generator = new MigrationGenerator(environment.Directory) { RecordsTables = app.ModuleName is not null, ModuleTables = app.ModuleTables };
            return request.Check ? Check(generator, app, request.Json) : Write(generator, app, request);
        }
        catch (AksaraException ex)
        {
            console.Error.WriteError(ex.Message);
            if (request.Json)
            {
                var failure = CliJson.Failure(CliProblem.From(ex));
                if (ex is MigrationRefusedException refused)
                    failure["problems"] = new JsonArray(CliProblem.From(refused).Select(problem => (JsonNode?)problem.ToJson()).ToArray());
                CliJson.Write(console.Output, failure);
            }
            return ExitCodes.Of(ex);
        }
    }

    private int Check(MigrationGenerator generator, LoadedApp app, bool json)
    {
        var problems = ModuleFolders.Pending(generator.Directory, app.Modules).Select(copy => new CliProblem(ModuleMigrationMissing, $"{copy} is not in the migrations folder yet"))
            .Concat(generator.FindUnmigratedChanges(app.Schema).Select(change => new CliProblem(UnmigratedChange, change)))
            .ToList();
        if (json)
        {
            CliJson.Write(console.Output, new JsonObject
            {
                ["up_to_date"] = problems.Count == 0,
                ["problems"] = new JsonArray(problems.Select(problem => (JsonNode?)problem.ToJson()).ToArray()),
            });
            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }
        if (problems.Count == 0)
        {
            console.Output.WriteLine("No changes detected.");
            return ExitCodes.Success;
        }
        console.Output.WriteLine(TerminalStyle.For(console.Output).Danger("The models have changes that no migration records; run `aksara makemigrations`:"));
        foreach (var problem in problems)
            console.Output.WriteLine("  - " + problem.Message.ReplaceLineEndings(Environment.NewLine + "    "));
        return ExitCodes.Failure;
    }

    private int Write(MigrationGenerator generator, LoadedApp app, MakeMigrationsRequest request)
    {
        // With --json, stdout holds only the document: questions and what is being done go to stderr.
        var says = request.Json ? console.Error : console.Output;
        var models = app.Schema;
        // The modules' migrations first: the application's new one may depend on them.
        var took = request.Stdout ? [] : ModuleFolders.Write(generator.Directory, app.Modules);
        foreach (var copied in took)
            says.WriteLine($"Took {copied}");
        var interactive = !request.NoInput && isTerminal();
        var options = new DiffOptions
        {
            AllowDestructive = request.AllowDestructive,
            AllowRewrite = request.AllowRewrite,
            Unsafe = request.Unsafe,
            Renames = interactive ? new PromptingRenameResolver(input, says) : NonInteractiveRenameResolver.Instance,
        };
        var migration = generator.Generate(models, options, request.Name);
        var result = new JsonObject
        {
            ["successful"] = true,
            ["changes_detected"] = migration.HasChanges,
            ["took"] = new JsonArray(took.Select(copied => (JsonNode?)copied).ToArray()),
        };
        if (!migration.HasChanges)
        {
            if (request.Json)
                CliJson.Write(console.Output, Finish(result, []));
            else
                console.Output.WriteLine("No changes detected.");
            return ExitCodes.Success;
        }
        if (request.Stdout)
        {
            if (request.Json)
                CliJson.Write(console.Output, Finish(result, migration.Scripts.Select(script => ScriptJson(script, file: null))));
            else
                console.Output.Write(string.Join(Environment.NewLine, migration.Scripts.Select(script => script.Up)));
            return ExitCodes.Success;
        }

        var files = generator.Write(migration);
        if (request.Json)
        {
            result["revert_deletes_data"] = migration.RevertDeletesData;
            CliJson.Write(console.Output, Finish(result, migration.Scripts.Zip(files).Select(pair => ScriptJson(pair.First, pair.Second))));
            return ExitCodes.Success;
        }
        var style = TerminalStyle.For(console.Output);
        foreach (var (file, script) in files.Zip(migration.Scripts))
        {
            console.Output.WriteLine($"Created {style.Bold(Path.GetRelativePath(Directory.GetCurrentDirectory(), file.Path))}{(script.Step.RunsInTransaction ? "" : " (no transaction)")}:");
            foreach (var operation in script.Step.Up)
                console.Output.WriteLine($"  - {operation.Describe()}{(operation.IsDestructive ? style.Danger(" [destructive]") : "")}");
        }
        console.Output.WriteLine((files.Count == 1 ? $"and its down script {Path.GetFileName(files[0].DownPath)}" : "each with its down script (NNNN_name.down.sql)")
            + (migration.RevertDeletesData ? " (reverting deletes data: marked aksara:destructive)." : "."));
        if (files.Count > 1)
            console.Output.WriteLine("The change touches tables that may hold rows, so it is split to keep them writable while it runs; `aksara migrate` applies the scripts in order.");
        return ExitCodes.Success;
    }

    private static JsonObject Finish(JsonObject result, IEnumerable<JsonObject> scripts)
    {
        result["scripts"] = new JsonArray(scripts.Select(script => (JsonNode?)script).ToArray());
        result["error"] = null;
        return result;
    }

    /// <summary>One script: where it was written (null with <c>--stdout</c>), how it runs, what it does, and its SQL.</summary>
    private static JsonObject ScriptJson(GeneratedScript script, MigrationFile? file) => new()
    {
        ["name"] = script.Name,
        ["path"] = file?.Path,
        ["down_path"] = file?.DownPath,
        ["in_transaction"] = script.Step.RunsInTransaction,
        ["operations"] = new JsonArray(script.Step.Up.Select(operation => (JsonNode?)new JsonObject
        {
            ["description"] = operation.Describe(),
            ["destructive"] = operation.IsDestructive,
        }).ToArray()),
        ["sql"] = script.Up,
        ["down_sql"] = script.Down,
    };
}
