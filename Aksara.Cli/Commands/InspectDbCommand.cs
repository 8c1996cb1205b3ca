using System.CommandLine;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara inspectdb</c>: writes a model class per table of an existing database. The options live here;
/// <see cref="InspectDbHandler"/> does the work.
/// </summary>
internal static class InspectDbCommand
{
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
        var command = new Command("inspectdb", "Write a model class for each table of an existing database (types, keys, constraints and indexes), listing what models cannot express.")
        {
            databaseUrl, schemas, tables, output, @namespace, migrationsDir, force,
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
                parseResult.GetValue(force));
            return new InspectDbHandler(parseResult.InvocationConfiguration).RunAsync(request, cancellationToken);
        });
        return command;
    }
}
