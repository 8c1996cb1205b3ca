using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Scripts;

/// <summary>The migrations folder: <c>NNNN_name.sql</c> scripts numbered from 0001 and <c>aksara.snapshot.json</c>.</summary>
internal sealed class MigrationDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string SnapshotPath => System.IO.Path.Combine(Path, SchemaSnapshot.FileName);

    public bool Exists => Directory.Exists(Path);

    /// <summary>The scripts in order; throws <see cref="DuplicateMigrationNumberException"/> when two share a number.</summary>
    public IReadOnlyList<MigrationFile> ListScripts()
    {
        if (!Exists)
            return [];
        var scripts = Directory.EnumerateFiles(Path, "*" + MigrationFile.Extension)
            .Select(MigrationFile.TryCreate)
            .OfType<MigrationFile>()
            .OrderBy(file => file.Number)
            .ThenBy(file => file.Name, StringComparer.Ordinal)
            .ToList();
        var clash = scripts.GroupBy(file => file.Number).FirstOrDefault(group => group.Count() > 1);
        if (clash is not null)
            throw new DuplicateMigrationNumberException(clash.ToList());
        return scripts;
    }

    public int NextNumber() => ListScripts() is { Count: > 0 } scripts ? scripts[^1].Number + 1 : 1;

    /// <summary>The script called <paramref name="name"/>: its full name, its file name, or just its number (<c>0002</c> or <c>2</c>).</summary>
    public MigrationFile? Find(string name)
    {
        var wanted = name.EndsWith(MigrationFile.Extension, StringComparison.OrdinalIgnoreCase) ? name[..^MigrationFile.Extension.Length] : name;
        var scripts = ListScripts();
        return scripts.FirstOrDefault(file => file.Name == wanted)
            ?? (int.TryParse(wanted, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? scripts.FirstOrDefault(file => file.Number == number)
                : null);
    }

    public SchemaSnapshot ReadSnapshot() =>
        File.Exists(SnapshotPath) ? SchemaSnapshot.Parse(File.ReadAllText(SnapshotPath), SnapshotPath) : SchemaSnapshot.Empty;

    /// <summary>
    /// Writes a new script and the snapshot that goes with it. Both are written to temporary files first and then moved
    /// into place, so an interrupted run leaves either both or neither.
    /// </summary>
    public MigrationFile Write(string name, string script, SchemaSnapshot snapshot)
    {
        Directory.CreateDirectory(Path);
        var scriptPath = System.IO.Path.Combine(Path, name + MigrationFile.Extension);
        if (File.Exists(scriptPath))
            throw new AksaraException($"{scriptPath} already exists.");
        var scriptTemp = scriptPath + ".tmp";
        var snapshotTemp = SnapshotPath + ".tmp";
        File.WriteAllText(scriptTemp, script);
        File.WriteAllText(snapshotTemp, snapshot.ToJson());
        File.Move(scriptTemp, scriptPath);
        try
        {
            File.Move(snapshotTemp, SnapshotPath, overwrite: true);
        }
        catch
        {
            File.Delete(scriptPath);
            throw;
        }
        return MigrationFile.TryCreate(scriptPath)!;
    }
}
