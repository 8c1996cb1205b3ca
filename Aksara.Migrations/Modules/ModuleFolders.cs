using Aksara.Migrations.Scripts;

namespace Aksara.Migrations.Modules;

/// <summary>
/// Keeps <c>migrations/modules/&lt;module&gt;/</c> of an application equal to what it takes of each module: the module's
/// scripts (ups and downs, byte for byte, so their checksums are the module's) and the snapshot of the tables it uses.
/// The copies are what <c>aksara migrate</c> applies (it needs no build) and what a reviewer sees change when the module's
/// package is updated. A copy that differs from the module's is never overwritten: it may have been applied already.
/// </summary>
internal static class ModuleFolders
{
    /// <summary>What <see cref="Write"/> would write, one line each; empty when the folder is up to date with the modules.</summary>
    public static IReadOnlyList<string> Pending(MigrationDirectory directory, IReadOnlyList<UsedModule> modules) =>
        Plan(directory, modules).Select(write => write.Describe(directory)).ToList();

    /// <summary>Writes the missing copies and the changed snapshots; returns what it wrote.</summary>
    public static IReadOnlyList<string> Write(MigrationDirectory directory, IReadOnlyList<UsedModule> modules)
    {
        var writes = Plan(directory, modules);
        foreach (var write in writes)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(write.Path)!);
            File.WriteAllText(write.Path + ".tmp", write.Text);
        }
        foreach (var write in writes)
            File.Move(write.Path + ".tmp", write.Path, overwrite: true);
        return writes.Select(write => write.Describe(directory)).ToList();
    }

    private static List<FileWrite> Plan(MigrationDirectory directory, IReadOnlyList<UsedModule> modules)
    {
        var writes = new List<FileWrite>();
        foreach (var module in modules)
        {
            var folder = directory.ForModule(module.Name);
            foreach (var script in module.Scripts)
            {
                var up = Path.Combine(folder.Path, script.Name + MigrationFile.Extension);
                AddIfChanged(writes, module, up, script.Up, isScript: true);
                if (script.Down is not null)
                    AddIfChanged(writes, module, Path.ChangeExtension(up, null) + MigrationFile.DownExtension, script.Down, isScript: true);
            }
            AddIfChanged(writes, module, folder.SnapshotPath, module.Snapshot.ToJson(), isScript: false);
        }
        return writes;
    }

    private static void AddIfChanged(List<FileWrite> writes, UsedModule module, string path, string text, bool isScript)
    {
        if (!File.Exists(path))
        {
            writes.Add(new FileWrite(path, text, module.Name));
            return;
        }
        if (File.ReadAllText(path) == text)
            return;
        if (!isScript)
        {
            writes.Add(new FileWrite(path, text, module.Name));
            return;
        }
        throw new AksaraException(
            $"{path} differs from module {module.Name}'s own ({module.Source}): a module must not change a migration it has shipped, since databases may have applied it. "
            + "Ask the module's author; if the copy was edited here by mistake, restore it (git checkout), or, if it was never applied anywhere, delete it and run aksara makemigrations again.");
    }

    private sealed record FileWrite(string Path, string Text, string Module)
    {
        public string Describe(MigrationDirectory directory) =>
            System.IO.Path.GetFileName(Path) == Schema.SchemaSnapshot.FileName
                ? $"module {Module}'s snapshot {System.IO.Path.GetRelativePath(directory.Path, Path)}"
                : $"module {Module}'s migration {System.IO.Path.GetRelativePath(directory.Path, Path)}";
    }
}
