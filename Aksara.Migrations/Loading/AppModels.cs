using System.Reflection;
using Aksara.Migrations.Modules;
using Aksara.Migrations.Schema;
using Aksara.Models;

namespace Aksara.Migrations.Loading;

/// <summary>
/// An application (or a module's project) as <c>makemigrations</c> reads it: the schema of its own models, the module it
/// is (when it declares <c>[assembly: AksaraModule]</c>), and the modules it uses.
/// </summary>
internal sealed record LoadedApp(DatabaseSchema Schema, string? ModuleName, IReadOnlyList<UsedModule> Modules)
{
    /// <summary>The tables of the modules it uses, each with the migration that creates it (<c>auth:0001_initial</c>).</summary>
    public IReadOnlyDictionary<QualifiedName, string> ModuleTables { get; } =
        Modules.SelectMany(module => module.CreatedBy).ToDictionary(entry => entry.Key, entry => entry.Value);
}

/// <summary>Finds an application (<c>--app</c>), builds it when it is a project, loads it in isolation and reads its models' schema.</summary>
internal static class AppModels
{
    /// <param name="appPath">A <c>.csproj</c>, a folder holding one, or a <c>.dll</c>; null for the current folder's project.</param>
    /// <param name="defaultSchema">The schema of models without one of their own: <c>Aksara:Schema</c> of the app's configuration.</param>
    /// <param name="progress">Told what is happening ("Building App.csproj…"), for a console that wants to say so.</param>
    public static async Task<DatabaseSchema> LoadSchemaAsync(string? appPath, string currentDirectory, string defaultSchema, TextWriter? progress, CancellationToken cancellationToken) =>
        (await LoadAsync(appPath, currentDirectory, defaultSchema, progress, cancellationToken).ConfigureAwait(false)).Schema;

    /// <summary>Like <see cref="LoadSchemaAsync"/>, with the modules the application is and uses.</summary>
    public static async Task<LoadedApp> LoadAsync(string? appPath, string currentDirectory, string defaultSchema, TextWriter? progress, CancellationToken cancellationToken)
    {
        var target = AppLocator.Locate(appPath, currentDirectory);
        var assemblyPath = target.Path;
        if (target.IsProject)
        {
            progress?.WriteLine($"Building {Path.GetFileName(target.Path)}…");
            assemblyPath = await ProjectBuilder.BuildAsync(target.Path, cancellationToken).ConfigureAwait(false);
        }
        var assembly = LoadAssembly(assemblyPath);
        var models = FindModelTypes(assembly);
        var modules = ModuleResolver.Resolve(assembly, Path.GetDirectoryName(assemblyPath)!, models);
        return new LoadedApp(SchemaFromModels.Build(models, defaultSchema), assembly.GetCustomAttribute<AksaraModuleAttribute>()?.Name, modules);
    }

    public static Assembly LoadAssembly(string assemblyPath)
    {
        try
        {
            return new AppLoadContext(assemblyPath).LoadFromFileContents(assemblyPath);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new AppLoadException($"Could not load {assemblyPath}: {ex.Message}", isUsageError: false, ex);
        }
    }

    /// <summary>The non-abstract classes deriving from <see cref="Model"/> or marked <c>[Table]</c>, in a stable order.</summary>
    public static IReadOnlyList<Type> FindModelTypes(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var missing = ex.LoaderExceptions.OfType<FileNotFoundException>().Select(e => e.FileName).OfType<string>().Distinct().ToList();
            if (missing.Count > 0)
                throw new AppLoadException($"Could not load the types of {assembly.GetName().Name}: missing {string.Join(", ", missing)}. Build the application (dotnet build) and try again.", isUsageError: false, ex);
            types = ex.Types;
        }
        return types.OfType<Type>().Where(ModelMetadata.IsModelType).OrderBy(type => type.FullName, StringComparer.Ordinal).ToList();
    }
}
