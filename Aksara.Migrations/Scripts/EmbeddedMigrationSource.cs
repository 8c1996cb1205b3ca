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
        var ups = new List<(MigrationFile File, string Resource)>();
        var downs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.EndsWith(MigrationFile.Extension, StringComparison.OrdinalIgnoreCase)))
        {
            var isDown = resource.EndsWith(MigrationFile.DownExtension, StringComparison.OrdinalIgnoreCase);
            var stem = resource[..^(isDown ? MigrationFile.DownExtension : MigrationFile.Extension).Length];
            // Resource names join folders with dots; the script's own name holds none (slugs are letters, digits and '_').
            if (MigrationFile.TryCreate(stem[(stem.LastIndexOf('.') + 1)..] + MigrationFile.Extension) is not { } file)
                continue;
            if (isDown)
                downs[file.Name] = resource;
            else
                ups.Add((file, resource));
        }
        var clash = ups.GroupBy(script => script.File.Number).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
            throw new DuplicateMigrationNumberException(clash.Select(script => script.File).ToList());

        return ups.OrderBy(script => script.File.Number)
            .Select(script => new MigrationScript(script.File.Name, Read(script.Resource), downs.TryGetValue(script.File.Name, out var down) ? Read(down) : null))
            .ToList();
    }

    public Schema.SchemaSnapshot? LoadSnapshot()
    {
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(name => name.EndsWith("." + Schema.SchemaSnapshot.FileName, StringComparison.OrdinalIgnoreCase));
        return resource is null ? null : Schema.SchemaSnapshot.Parse(Read(resource), $"{assembly.GetName().Name}:{resource}");
    }

    private string Read(string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
