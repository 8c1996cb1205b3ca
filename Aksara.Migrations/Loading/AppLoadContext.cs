using System.Reflection;
using System.Runtime.Loader;

namespace Aksara.Migrations.Loading;

/// <summary>
/// Loads an application's assembly in isolation, resolving its own dependencies from its <c>.deps.json</c>, except the
/// Aksara assemblies: those resolve to the copies the tool already runs, so that <c>Model</c> and the attribute types the
/// application's classes use are the very types the tool reads.
/// </summary>
internal sealed class AppLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    public AppLoadContext(string mainAssemblyPath) : base($"aksara-app:{Path.GetFileNameWithoutExtension(mainAssemblyPath)}", isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName) && TryLoadShared(assemblyName) is { } shared)
            return shared;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        // Framework assemblies are not in the app's folder: returning null lets the default context provide them.
        return path is null ? null : LoadFromFileContents(path);
    }

    /// <summary>
    /// Loads from the file's bytes rather than its path: the runtime caches images by path for the life of the process,
    /// so a second load after a rebuild (<c>makemigrations</c> run again in one process, as the tests do) would see the old build.
    /// </summary>
    public Assembly LoadFromFileContents(string path)
    {
        using var assembly = new MemoryStream(File.ReadAllBytes(path));
        var symbols = Path.ChangeExtension(path, ".pdb");
        using var pdb = File.Exists(symbols) ? new MemoryStream(File.ReadAllBytes(symbols)) : null;
        return LoadFromStream(assembly, pdb);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    private static Assembly? TryLoadShared(AssemblyName name)
    {
        try
        {
            return Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException)
        {
            // An Aksara.* library of the application's own, which the tool does not ship.
            return null;
        }
    }

    /// <summary>Aksara itself and what its public types expose (Npgsql, Dapper) must be one copy, the tool's.</summary>
    private static bool IsShared(AssemblyName name) =>
        name.Name is { } simple && (simple == "Aksara.Core" || simple.StartsWith("Aksara.", StringComparison.Ordinal) || simple is "Npgsql" or "Dapper");
}
