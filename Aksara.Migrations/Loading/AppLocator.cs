namespace Aksara.Migrations.Loading;

/// <summary>
/// Turns <c>--app PATH</c> into a project or an assembly: a <c>.csproj</c>, a folder holding exactly one, or a compiled
/// <c>.dll</c>; without a path, the single <c>.csproj</c> of the current folder.
/// </summary>
internal static class AppLocator
{
    public static AppTarget Locate(string? path, string currentDirectory)
    {
        var full = Path.GetFullPath(path ?? ".", currentDirectory);
        if (File.Exists(full))
        {
            return Path.GetExtension(full).ToLowerInvariant() switch
            {
                ".csproj" => new AppTarget(full, IsProject: true),
                ".dll" => new AppTarget(full, IsProject: false),
                _ => throw new AppLoadException($"{full} is neither a .csproj nor a .dll. Pass --app with the application's project, its folder, or its compiled assembly.", isUsageError: true),
            };
        }
        if (!Directory.Exists(full))
            throw new AppLoadException($"{full} does not exist. Pass --app with the application's .csproj, its folder, or its compiled .dll.", isUsageError: true);

        var projects = Directory.GetFiles(full, "*.csproj");
        return projects.Length switch
        {
            1 => new AppTarget(projects[0], IsProject: true),
            0 => throw new AppLoadException(
                $"No .csproj in {full}. Run aksara in the application's folder, or pass --app path/to/App.csproj (or a compiled App.dll).", isUsageError: true),
            _ => throw new AppLoadException(
                $"{full} holds several projects ({string.Join(", ", projects.Select(Path.GetFileName).Order(StringComparer.Ordinal))}). Say which with --app path/to/App.csproj.", isUsageError: true),
        };
    }
}

/// <summary>A located application: a project to build first, or an assembly to load as it is.</summary>
internal sealed record AppTarget(string Path, bool IsProject)
{
    /// <summary>The project's folder, where its migrations, <c>.env</c> and <c>appsettings.json</c> live; null for a bare assembly.</summary>
    public string? ContentRoot => IsProject ? System.IO.Path.GetDirectoryName(Path) : null;
}
