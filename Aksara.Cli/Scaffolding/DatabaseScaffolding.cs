using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using Npgsql;

namespace Aksara.Cli.Scaffolding;

/// <summary>Which tables <c>aksara inspectdb</c> reads: every table of <see cref="Schemas"/>, or only <see cref="Tables"/> (<c>name</c> or <c>schema.name</c>).</summary>
internal sealed record InspectionScope(IReadOnlyList<string> Schemas, IReadOnlyList<string> Tables);

/// <summary>From a live database to model files: reads the catalog, then <see cref="ModelScaffolder"/> writes the models.</summary>
internal static class DatabaseScaffolding
{
    /// <param name="journalTable">The migrations journal, which is never a model.</param>
    public static async Task<ScaffoldResult> ScaffoldAsync(
        NpgsqlConnection connection, InspectionScope scope, string @namespace, QualifiedName journalTable, CancellationToken cancellationToken)
    {
        var tables = await SchemaIntrospector.ReadCatalogAsync(connection, scope.Schemas, journalTable, cancellationToken).ConfigureAwait(false);
        tables = Select(tables, scope);
        var userTypes = await CatalogUserTypeReader.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var unmodelled = await UnmodelledObjectReader.ReadAsync(connection, scope.Schemas, cancellationToken).ConfigureAwait(false);
        return new ModelScaffolder(tables, userTypes, @namespace).Scaffold(unmodelled);
    }

    /// <summary>
    /// Writes the model files into <paramref name="directory"/>, and the objects the baseline will create into
    /// <paramref name="migrationsDirectory"/>; without <paramref name="force"/>, writes none when any of them exists.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, string migrationsDirectory, ScaffoldResult result, bool force)
    {
        var files = result.Files;
        var paths = files.Select(file => Path.Combine(directory, file.FileName)).ToList();
        var adoptedPath = AdoptedObjectsFile.PathIn(migrationsDirectory);
        var existing = paths.Append(adoptedPath).Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            throw new AksaraException(
                $"{string.Join(", ", existing.Select(Path.GetFileName))} already exist{(existing.Count == 1 ? "s" : "")} in {directory}. " +
                "Pass --force to overwrite them, or --output another folder.");
        }
        Directory.CreateDirectory(directory);
        for (var i = 0; i < files.Count; i++)
            File.WriteAllText(paths[i], files[i].Source);
        if (result.Adopted.Count == 0)
            return paths;
        AdoptedObjectsFile.Write(migrationsDirectory, result.Adopted);
        return [.. paths, adoptedPath];
    }

    private static IReadOnlyList<CatalogTable> Select(IReadOnlyList<CatalogTable> tables, InspectionScope scope)
    {
        if (tables.Count == 0)
            throw new AksaraException($"The schema{(scope.Schemas.Count == 1 ? "" : "s")} {string.Join(", ", scope.Schemas)} hold{(scope.Schemas.Count == 1 ? "s" : "")} no tables. Name the schema with --schema.");
        if (scope.Tables.Count == 0)
            return tables;
        var missing = scope.Tables.Where(wanted => !tables.Any(table => Matches(table.Name, wanted))).ToList();
        if (missing.Count > 0)
        {
            throw new AksaraException(
                $"No table {string.Join(", ", missing)} in {string.Join(", ", scope.Schemas)}. The tables there: {string.Join(", ", tables.Select(table => table.Name))}.");
        }
        return tables.Where(table => scope.Tables.Any(wanted => Matches(table.Name, wanted))).ToList();
    }

    private static bool Matches(QualifiedName table, string wanted) => wanted == table.Name || wanted == $"{table.Schema}.{table.Name}";
}
