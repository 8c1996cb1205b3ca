using System.Reflection;

namespace Aksara.Migrations.Scripts;

/// <summary>
/// Scripts embedded in an assembly (<c>&lt;EmbeddedResource Include="migrations/*.sql" /&gt;</c>), named like their files
/// (<c>App.migrations.0001_initial.sql</c> → <c>0001_initial</c>, its down <c>App.migrations.0001_initial.down.sql</c>),
/// so the journal reads the same either way.
/// </summary>
internal sealed class EmbeddedMigrationSource(Assembly assembly) : IMigrationSource
{
    public IReadOnlyList<MigrationScript> Load()
    {
        var ups = new List<(string Module, MigrationFile File, string Resource)>();
        var downs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.EndsWith(MigrationFile.Extension, StringComparison.OrdinalIgnoreCase)))
        {
            var isDown = resource.EndsWith(MigrationFile.DownExtension, StringComparison.OrdinalIgnoreCase);
            var segments = resource[..^(isDown ? MigrationFile.DownExtension : MigrationFile.Extension).Length].Split('.');
            // Resource names join folders with dots; the script's own name holds none (slugs are letters, digits and '_').
            if (MigrationFile.TryCreate(segments[^1] + MigrationFile.Extension) is not { } file)
                continue;
            var module = ModuleOf(segments);
            if (isDown)
                downs[MigrationName.Qualify(module, file.Name)] = resource;
            else
                ups.Add((module, file, resource));
        }
        var clash = ups.GroupBy(script => (script.Module, script.File.Number)).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
            throw new DuplicateMigrationNumberException(clash.Select(script => script.File).ToList());

        // Each module's before the application's, as in a folder.
        return ups.OrderBy(script => script.Module.Length == 0)
            .ThenBy(script => script.Module, StringComparer.Ordinal)
            .ThenBy(script => script.File.Number)
            .Select(script =>
            {
                var name = MigrationName.Qualify(script.Module, script.File.Name);
                return new MigrationScript(name, Read(script.Resource), downs.TryGetValue(name, out var down) ? Read(down) : null);
            })
            .ToList();
    }

    /// <summary>The module of a file embedded from <c>migrations/modules/&lt;module&gt;/</c> (its resource name split at the dots, the file's own name last); the application's otherwise.</summary>
    private static string ModuleOf(string[] segments) =>
        segments.Length >= 3 && segments[^3] == MigrationDirectory.ModulesFolder && MigrationName.IsModuleName(segments[^2]) ? segments[^2] : MigrationName.App;

    public IReadOnlyList<Schema.SchemaSnapshot> LoadSnapshots() => LoadSnapshot() is { LatestMigration: not null } snapshot ? [snapshot] : [];

    public Schema.SchemaSnapshot? LoadSnapshot()
    {
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(name =>
            name.EndsWith("." + Schema.SchemaSnapshot.FileName, StringComparison.OrdinalIgnoreCase) && ModuleOf([.. name[..^(Schema.SchemaSnapshot.FileName.Length + 1)].Split('.'), Schema.SchemaSnapshot.FileName]) == MigrationName.App);
        return resource is null ? null : Schema.SchemaSnapshot.Parse(Read(resource), $"{assembly.GetName().Name}:{resource}");
    }

    private string Read(string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
