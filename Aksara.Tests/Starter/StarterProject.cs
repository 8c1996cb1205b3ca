using System.Reflection;

namespace Aksara.Tests.Starter;

/// <summary>
/// The starter app in <c>templates/aksara-webapi</c>, built once per test run with Aksara from source into a
/// private artifacts folder, so that nothing here races a build of the repository's own bin/ and obj/ folders.
/// </summary>
[SetUpFixture]
public sealed class StarterProject
{
    public const string ProjectName = "AksaraWebApi";

    static readonly string ArtifactsPath = Path.Combine(Path.GetTempPath(), "aksara-starter-" + Guid.NewGuid().ToString("N")[..8]);
    static readonly Lazy<Task<string>> Build = new(BuildAsync);

    /// <summary>The repository checkout these tests were built from (set by Aksara.Tests.csproj).</summary>
    public static string RepositoryRoot { get; } = typeof(StarterProject).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!;

    public static string Directory => Path.Combine(RepositoryRoot, "templates", "aksara-webapi");

    /// <summary>Builds the starter (and Aksara.Core/Aksara.Migrations with it) on first call; returns the artifacts folder.</summary>
    public static Task<string> BuildOnceAsync() => Build.Value;

    /// <summary>The built starter app's assembly, to run with <c>dotnet</c>.</summary>
    public static async Task<string> GetAssemblyAsync() =>
        Path.Combine(await BuildOnceAsync(), "bin", ProjectName, "debug", ProjectName + ".dll");

    static async Task<string> BuildAsync()
    {
        await DotnetCli.RunCheckedAsync(RepositoryRoot, TimeSpan.FromMinutes(5), null,
            "build", Path.Combine(Directory, ProjectName + ".csproj"), "--artifacts-path", ArtifactsPath, "-v:q", "-clp:NoSummary");
        return ArtifactsPath;
    }

    [OneTimeTearDown]
    public void DeleteArtifacts()
    {
        if (System.IO.Directory.Exists(ArtifactsPath))
            System.IO.Directory.Delete(ArtifactsPath, recursive: true);
    }
}
