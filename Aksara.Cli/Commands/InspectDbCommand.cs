using System.CommandLine;
using Aksara.Cli.Help;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara inspectdb</c>: writes a model class per table of an existing database. The options live here;
/// <see cref="InspectDbHandler"/> does the work.
/// </summary>
internal static class InspectDbCommand
{
    private static readonly CommandHelp s_help = new(
        [
            "aksara inspectdb --schema public --namespace Shop.Models",
            "aksara inspectdb --table customers --table sales.orders --output Models --force",
            "aksara inspectdb --json | jq -r '.models[]'",
        ],
        ExitCodes.Help(success: "the models were written",
            failure: "a model file exists (pass --force), or a table or schema given is not there",
            configuration: "no DATABASE_URL and no running local database, or an invalid setting",
            unreachable: "the database is unreachable or refused the credentials"));

    public static Command Create()
    {
        var databaseUrl = new Option<string>("--database-url") { Description = "The database to read [DATABASE_URL].", HelpName = "URL" };
        var schemas = new Option<string[]>("--schema")
        {
            Description = "A schema to read (repeatable) [default: public].",
            HelpName = "SCHEMA",
            AllowMultipleArgumentsPerToken = false,
        };
        var tables = new Option<string[]>("--table") { Description = "Only this table, as name or schema.name (repeatable) [default: every table].", HelpName = "TABLE" };
        var output = new Option<string>("--output", "-o") { Description = "The folder the model files go to.", HelpName = "DIR", DefaultValueFactory = _ => "Models" };
        var @namespace = new Option<string>("--namespace") { Description = "The namespace of the models [default: <project>.Models from the .csproj here, else Models].", HelpName = "NS" };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir")
        {
            Description = "Where the baseline migration will be written; aksara.adopted.json goes there [AKSARA_MIGRATIONS_DIR, else ./migrations].",
            HelpName = "DIR",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite model files that already exist." };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines: {\"successful\", \"models\": [paths], \"adopted_file\", \"not_modelled\": […], \"error\"}." };
        var command = new AksaraCommand("inspectdb", "Write a model class for each table of an existing database (types, keys, constraints and indexes), listing what models cannot express.", s_help)
        {
            databaseUrl, schemas, tables, output, @namespace, migrationsDir, force, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new InspectDbRequest(
                parseResult.GetValue(databaseUrl),
                parseResult.GetValue(migrationsDir),
                parseResult.GetValue(schemas) is { Length: > 0 } given ? given : ["public"],
                parseResult.GetValue(tables) ?? [],
                parseResult.GetValue(output)!,
                parseResult.GetValue(@namespace),
                parseResult.GetValue(force),
                parseResult.GetValue(json));
            return new InspectDbHandler(parseResult.InvocationConfiguration).RunAsync(request, cancellationToken);
        });
        return command;
    }
}
