using System.Reflection;
using Aksara.Migrations.Scripts;
using DbUp.Engine;
using DbUp.Engine.Transactions;

namespace Aksara.Migrations.Running;

/// <summary>
/// Scripts embedded in an assembly (<c>&lt;EmbeddedResource Include="migrations/*.sql" /&gt;</c>), named like their files
/// (<c>App.migrations.0001_initial.sql</c> → <c>0001_initial</c>), so the journal reads the same either way.
/// </summary>
internal sealed class EmbeddedScriptProvider(Assembly assembly) : IScriptProvider
{
    public IEnumerable<SqlScript> GetScripts(IConnectionManager connectionManager)
    {
        var scripts = new List<(MigrationFile File, string Resource)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.EndsWith(MigrationFile.Extension, StringComparison.OrdinalIgnoreCase)))
        {
            // Resource names join folders with dots; the script's own name holds none (slugs are letters, digits and '_').
            var stem = resource[..^MigrationFile.Extension.Length];
            if (MigrationFile.TryCreate(stem[(stem.LastIndexOf('.') + 1)..] + MigrationFile.Extension) is { } file)
                scripts.Add((file, resource));
        }
        var clash = scripts.GroupBy(script => script.File.Number).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
            throw new DuplicateMigrationNumberException(clash.Select(script => script.File).ToList());

        foreach (var (file, resource) in scripts.OrderBy(script => script.File.Number))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return new SqlScript(file.Name, reader.ReadToEnd());
        }
    }
}
