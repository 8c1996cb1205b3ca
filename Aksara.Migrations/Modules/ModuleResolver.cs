using System.Reflection;
using System.Runtime.Loader;
using Aksara.Migrations.Loading;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using Aksara.Models;

namespace Aksara.Migrations.Modules;

/// <summary>
/// Reads an application's <c>[assembly: UseAksaraModule(…)]</c>, finds each module among the assemblies it references,
/// and works out which of the module's embedded migrations the application takes: those whose tables
/// (<c>-- aksara:tables</c>) all belong to models it uses. Every choice that cannot work is refused here, before anything
/// is written, with what to change.
/// </summary>
internal static class ModuleResolver
{
    public static IReadOnlyList<UsedModule> Resolve(Assembly app, string appDirectory, IReadOnlyList<Type> appModels)
    {
        var uses = app.GetCustomAttributes<UseAksaraModuleAttribute>().ToList();
        if (app.GetCustomAttribute<AksaraModuleAttribute>() is { } self && uses.Any(use => use.Name == self.Name))
            throw new AppLoadException($"{app.GetName().Name} is module {self.Name} and cannot use itself: remove [assembly: UseAksaraModule(\"{self.Name}\")].", isUsageError: false);
        if (uses.GroupBy(use => use.Name).FirstOrDefault(group => group.Count() > 1) is { } twice)
            throw new AppLoadException($"{app.GetName().Name} says [assembly: UseAksaraModule(\"{twice.Key}\")] {twice.Count()} times. Say it once, listing every model it uses in Models.", isUsageError: false);

        var modules = uses.Count == 0 ? [] : FindModules(app, appDirectory);
        var used = new List<UsedModule>();
        foreach (var use in uses)
        {
            if (!modules.TryGetValue(use.Name, out var module))
            {
                throw new AppLoadException(
                    $"{app.GetName().Name} uses module {use.Name} ([assembly: UseAksaraModule(\"{use.Name}\")]), but no assembly it references declares [assembly: AksaraModule(\"{use.Name}\")]"
                    + (modules.Count == 0 ? "." : $" (it references module{(modules.Count > 1 ? "s" : "")} {string.Join(", ", modules.Keys.Order(StringComparer.Ordinal))}).")
                    + " Add a reference to the module's package or project (dotnet add package …), or correct the name.", isUsageError: false);
            }
            used.Add(Select(use, module));
        }
        RequireUsedTargets(app, appModels, used);
        return used;
    }

    /// <summary>The modules among the assemblies the application references, and failing that (a module only named, never used in code) the assemblies beside it.</summary>
    private static Dictionary<string, Assembly> FindModules(Assembly app, string appDirectory)
    {
        var context = AssemblyLoadContext.GetLoadContext(app) ?? AssemblyLoadContext.Default;
        var modules = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        void Consider(Func<Assembly> load)
        {
            try
            {
                var assembly = load();
                if (assembly.GetCustomAttribute<AksaraModuleAttribute>() is { } module)
                    modules.TryAdd(module.Name, assembly);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Not an assembly this application can load: not a module of it either.
            }
        }
        foreach (var reference in app.GetReferencedAssemblies())
            Consider(() => context.LoadFromAssemblyName(reference));
        // The compiler drops a reference nothing in the code uses, which [assembly: UseAksaraModule("auth")] alone may be.
        var appFile = app.GetName().Name + ".dll";
        foreach (var file in Directory.EnumerateFiles(appDirectory, "*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (Path.GetFileName(file) == appFile || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                || name.StartsWith("Aksara.", StringComparison.Ordinal) || name is "Npgsql" or "Dapper" || context.Assemblies.Any(loaded => loaded.GetName().Name == name))
                continue;
            Consider(() => context.LoadFromAssemblyName(new AssemblyName(name)));
        }
        return modules;
    }

    private static UsedModule Select(UseAksaraModuleAttribute use, Assembly assembly)
    {
        var source = $"{assembly.GetName().Name} {assembly.GetName().Version}";
        var embedded = new EmbeddedMigrationSource(assembly);
        var scripts = embedded.Load().Where(script => script.Module.Length == 0).ToList();
        var snapshot = embedded.LoadSnapshot();
        if (scripts.Count == 0 || snapshot is null)
        {
            throw new AppLoadException(
                $"Module {use.Name} ({source}) carries no migrations{(scripts.Count > 0 ? " snapshot" : "")}: its project must embed them. In the module's .csproj: "
                + "<ItemGroup><EmbeddedResource Include=\"migrations/*.sql;migrations/*.snapshot.json\" /></ItemGroup>, then aksara makemigrations and dotnet build there.", isUsageError: false);
        }

        var usedTables = (use.Models ?? []).Select(model => TableOf(use, assembly, model, snapshot)).ToHashSet();
        if (use.Models is null)
            usedTables = snapshot.Schema.Tables.Select(table => table.QualifiedName).ToHashSet();
        if (usedTables.Count == 0)
            throw new AppLoadException($"[assembly: UseAksaraModule(\"{use.Name}\", Models = [])] lists no model. List the models the application uses, or leave Models out to use them all.", isUsageError: false);
        foreach (var table in snapshot.Schema.Tables.Where(table => usedTables.Contains(table.QualifiedName)))
        {
            if (table.ForeignKeys.FirstOrDefault(key => !usedTables.Contains(key.ReferencedTableName) && snapshot.Schema.FindTable(key.ReferencedTableName) is not null) is { } key)
            {
                throw new AppLoadException(
                    $"Module {use.Name}'s table {table.QualifiedName} has a foreign key to {key.ReferencedTableName}, which the application does not use: add the model of {key.ReferencedTableName} to Models of [assembly: UseAksaraModule(\"{use.Name}\")].",
                    isUsageError: false);
            }
        }

        var taken = new List<MigrationScript>();
        var createdBy = new Dictionary<QualifiedName, string>();
        foreach (var script in scripts)
        {
            var tables = ModuleTables.Of(script);
            if (tables is not null && !tables.All(usedTables.Contains))
            {
                if (tables.Any(usedTables.Contains))
                {
                    throw new AppLoadException(
                        $"Module {use.Name}'s migration {script.Name} changes {string.Join(", ", tables)} together, but the application uses only {string.Join(", ", tables.Where(usedTables.Contains))} of them. "
                        + $"Add the models of {string.Join(", ", tables.Where(table => !usedTables.Contains(table)))} to Models of [assembly: UseAksaraModule(\"{use.Name}\")], or use the whole module (no Models).",
                        isUsageError: false);
                }
                continue;
            }
            taken.Add(script);
            foreach (var table in tables ?? usedTables.ToList())
                createdBy.TryAdd(table, MigrationName.Qualify(use.Name, script.Name));
        }
        var schema = new DatabaseSchema(snapshot.Schema.Tables.Where(table => usedTables.Contains(table.QualifiedName)), snapshot.Schema.EnumTypes);
        return new UsedModule(use.Name, source, taken, new SchemaSnapshot(schema, taken[^1].Name)) { CreatedBy = createdBy };
    }

    private static QualifiedName TableOf(UseAksaraModuleAttribute use, Assembly module, Type model, SchemaSnapshot snapshot)
    {
        if (model.Assembly != module || !ModelMetadata.IsModelType(model))
        {
            throw new AppLoadException(
                $"[assembly: UseAksaraModule(\"{use.Name}\", Models = …)] lists {model.FullName}, which is not a model of module {use.Name} ({module.GetName().Name}). List only the module's models.",
                isUsageError: false);
        }
        var metadata = ModelMetadata.For(model);
        var matches = snapshot.Schema.Tables.Where(table => table.Name == metadata.TableName && (metadata.Schema is null || table.Schema == metadata.Schema)).ToList();
        if (matches.Count != 1)
        {
            throw new AppLoadException(
                $"Module {use.Name} ({module.GetName().Name}) has the model {model.Name}, but its migrations do not create its table {(metadata.Schema is null ? "" : metadata.Schema + ".")}{metadata.TableName}: "
                + "the module's migrations are older than its models. Its author runs aksara makemigrations in the module's project and ships it again.", isUsageError: false);
        }
        return matches[0].QualifiedName;
    }

    /// <summary>An application's foreign key into a module's table needs the module, and that model of it, in use: else its migration would fail.</summary>
    private static void RequireUsedTargets(Assembly app, IReadOnlyList<Type> appModels, IReadOnlyList<UsedModule> used)
    {
        var usedTables = used.SelectMany(module => module.Snapshot.Schema.Tables).Select(table => table.QualifiedName).ToHashSet();
        foreach (var model in appModels)
        {
            foreach (var column in ModelMetadata.For(model).Columns.Where(column => column.ForeignKey is not null))
            {
                var target = column.ForeignKey!.TargetType;
                if (target.Assembly == app || target.Assembly.GetCustomAttribute<AksaraModuleAttribute>() is not { } module)
                    continue;
                var metadata = ModelMetadata.For(target);
                if (used.All(use => use.Name != module.Name))
                {
                    throw new AppLoadException(
                        $"{model.Name}.{column.Property.Name} references {target.Name} of module {module.Name}, which the application does not use: add [assembly: UseAksaraModule(\"{module.Name}\")] "
                        + $"(or with Models = [typeof({target.Name}), …]) to the application.", isUsageError: false);
                }
                if (!usedTables.Any(table => table.Name == metadata.TableName && (metadata.Schema is null || table.Schema == metadata.Schema)))
                {
                    throw new AppLoadException(
                        $"{model.Name}.{column.Property.Name} references {target.Name} of module {module.Name}, which the application does not use: add typeof({target.Name}) to Models of [assembly: UseAksaraModule(\"{module.Name}\")].",
                        isUsageError: false);
                }
            }
        }
    }
}
