using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Scripts;

/// <summary>
/// The migrations folder: <c>NNNN_name.sql</c> scripts numbered from 0001 and <c>aksara.snapshot.json</c>, and in
/// <c>modules/&lt;module&gt;/</c> the same for each module the application uses.
/// </summary>
internal sealed class MigrationDirectory(string path)
{
    /// <summary>The subfolder holding one folder per module, each laid out like the application's own.</summary>
    public const string ModulesFolder = "modules";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The folder of <paramref name="module"/>'s migrations, <c>modules/&lt;module&gt;/</c>.</summary>
    public MigrationDirectory ForModule(string module) => new(System.IO.Path.Combine(Path, ModulesFolder, module));

    /// <summary>The modules whose migrations the folder holds, in name order.</summary>
    public IReadOnlyList<string> ListModules()
    {
        var modules = System.IO.Path.Combine(Path, ModulesFolder);
        if (!Directory.Exists(modules))
            return [];
        return Directory.EnumerateDirectories(modules)
            .Select(System.IO.Path.GetFileName)
            .OfType<string>()
            .Where(MigrationName.IsModuleName)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

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

    /// <summary>The script called <paramref name="name"/>: its full name, its file name, or just its number (<c>0002</c> or <c>2</c>).</summary>
    public MigrationFile? Find(string name)
    {
        var scripts = ListScripts();
        return MigrationFile.Resolve(name, scripts.Select(file => file.Name)) is { } found ? scripts.First(file => file.Name == found) : null;
    }

    public SchemaSnapshot ReadSnapshot() =>
        File.Exists(SnapshotPath) ? SchemaSnapshot.Parse(File.ReadAllText(SnapshotPath), SnapshotPath) : SchemaSnapshot.Empty;

    /// <summary>
    /// Writes new scripts, each with its down script, and the snapshot that goes with them. All are written to temporary
    /// files first and then moved into place, so an interrupted run leaves all or none.
    /// </summary>
    public IReadOnlyList<MigrationFile> Write(IReadOnlyList<(string Name, string Up, string Down)> scripts, SchemaSnapshot snapshot)
    {
        Directory.CreateDirectory(Path);
        var files = scripts.Select(script => MigrationFile.TryCreate(System.IO.Path.Combine(Path, script.Name + MigrationFile.Extension))
            ?? throw new AksaraException($"{script.Name} is not a migration name (NNNN_name).")).ToList();
        foreach (var existing in files.SelectMany(file => new[] { file.Path, file.DownPath }))
        {
            if (File.Exists(existing))
                throw new AksaraException($"{existing} already exists.");
        }
        var writes = files.Zip(scripts, (file, script) => new[] { (file.Path, script.Up), (file.DownPath, script.Down) })
            .SelectMany(pair => pair)
            .Append((SnapshotPath, snapshot.ToJson()))
            .ToList();
        foreach (var (target, text) in writes)
            File.WriteAllText(target + ".tmp", text);
        var moved = new List<string>();
        try
        {
            foreach (var (target, _) in writes)
            {
                File.Move(target + ".tmp", target, overwrite: target == SnapshotPath);
                moved.Add(target);
            }
        }
        catch
        {
            foreach (var target in moved.Where(target => target != SnapshotPath))
                File.Delete(target);
            foreach (var (target, _) in writes)
                File.Delete(target + ".tmp");
            throw;
        }
        return files;
    }
}
