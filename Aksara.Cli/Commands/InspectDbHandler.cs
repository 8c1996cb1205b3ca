using System.CommandLine;
using System.Text.Json.Nodes;
using Aksara.Cli.Output;
using Aksara.Cli.Scaffolding;
using Aksara.Migrations;
using Aksara.Migrations.Running;
using Aksara.Migrations.Schema;

namespace Aksara.Cli.Commands;

/// <summary>Carries out an <see cref="InspectDbRequest"/>: <see cref="DatabaseScaffolding"/> reads the database and writes the models.</summary>
internal sealed class InspectDbHandler(InvocationConfiguration console)
{
    public async Task<int> RunAsync(InspectDbRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var environment = MigrationEnvironment.Load(request.MigrationsDir, request.DatabaseUrl);
            await using var database = await environment.OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
            if (environment.LocalDevelopmentDatabaseUrl is { } localUrl)
                console.Error.WriteLine($"Using this project's local development database {localUrl} (DATABASE_URL is not set).");
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var directory = Path.GetFullPath(request.Output);
            var result = await DatabaseScaffolding.ScaffoldAsync(
                connection, new InspectionScope(request.Schemas, request.Tables), request.Namespace ?? DefaultNamespace(directory),
                new QualifiedName(environment.Options.JournalSchema, AksaraJournal.DefaultTable), cancellationToken).ConfigureAwait(false);
            var written = DatabaseScaffolding.Write(directory, environment.Directory.Path, result, request.Force);
            if (request.Json)
            {
                CliJson.Write(console.Output, new JsonObject
                {
                    ["successful"] = true,
                    ["models"] = new JsonArray(written.Take(result.Files.Count).Select(path => (JsonNode?)path).ToArray()),
                    ["adopted_file"] = result.Adopted.Count > 0 ? written[^1] : null,
                    ["not_modelled"] = new JsonArray(result.NotModelled.Select(item => (JsonNode?)item.ToString()).ToArray()),
                    ["error"] = null,
                });
                return ExitCodes.Success;
            }

            console.Output.WriteLine($"Wrote {result.Files.Count} model{(result.Files.Count == 1 ? "" : "s")} to {directory}:");
            foreach (var path in written.Take(result.Files.Count))
                console.Output.WriteLine($"  {Path.GetFileName(path)}");
            if (result.Adopted.Count > 0)
            {
                console.Output.WriteLine($"and {written[^1]}: {result.Adopted.Count} object{(result.Adopted.Count == 1 ? "" : "s")} the models do not describe, " +
                    "which the baseline migration will create as they are.");
            }
            if (result.NotModelled.Count > 0)
            {
                console.Output.WriteLine();
                console.Output.WriteLine($"Not expressed by the models ({result.NotModelled.Count}); they stay in the database, untouched:");
                foreach (var item in result.NotModelled)
                    console.Output.WriteLine($"  - {item}");
            }
            console.Output.WriteLine();
            console.Output.WriteLine("Next: review the models, then `aksara makemigrations --name baseline` and `aksara migrate --fake --to 0001_baseline` (docs/adopting.md).");
            return ExitCodes.Success;
        }
        catch (AksaraException ex)
        {
            return ExitCodes.Report(ex, console, request.Json);
        }
        catch (IOException ex)
        {
            var message = $"cannot write the models to {request.Output}: {ex.Message}";
            if (request.Json)
                CliJson.Write(console.Output, CliJson.Failure(new CliProblem("write_failed", message)));
            console.Error.WriteError(message);
            return ExitCodes.Failure;
        }
    }

    /// <summary><c>Shop.Models</c> for a folder named Models next to <c>Shop.csproj</c> in the current folder; else the folder's name.</summary>
    private static string DefaultNamespace(string directory)
    {
        var folder = CSharpNames.Pascal(Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar)));
        var projects = Directory.GetFiles(Directory.GetCurrentDirectory(), "*.csproj");
        if (projects.Length != 1)
            return folder;
        var project = string.Join('.', Path.GetFileNameWithoutExtension(projects[0]).Split('.').Select(CSharpNames.Pascal));
        return $"{project}.{folder}";
    }
}
