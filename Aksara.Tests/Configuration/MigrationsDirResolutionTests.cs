using Microsoft.AspNetCore.Builder;

namespace Aksara.Tests.Configuration;

/// <summary>
/// Where a relative <c>MigrationsDir</c> is found: in the content root when it exists there, else in the app's base
/// directory (where the build and <c>dotnet publish</c> copy <c>migrations/</c>), else the content-root path.
/// </summary>
public sealed class MigrationsDirResolutionTests
{
    string _root = null!;
    string _contentRoot = null!;
    string _baseDirectory = null!;

    [SetUp]
    public void CreateFolders()
    {
        _root = Directory.CreateTempSubdirectory("aksara-migrations-dir-").FullName;
        _contentRoot = Directory.CreateDirectory(Path.Combine(_root, "content")).FullName;
        _baseDirectory = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
    }

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_root, recursive: true);

    [Test]
    public void A_folder_in_the_content_root_wins_over_the_base_directory()
    {
        Directory.CreateDirectory(Path.Combine(_contentRoot, "migrations"));
        Directory.CreateDirectory(Path.Combine(_baseDirectory, "migrations"));

        Assert.That(AksaraSettings.ResolveMigrationsDir("migrations", _contentRoot, _baseDirectory), Is.EqualTo(Path.Combine(_contentRoot, "migrations")));
    }

    [Test]
    public void Without_one_in_the_content_root_the_base_directory_is_used()
    {
        Directory.CreateDirectory(Path.Combine(_baseDirectory, "db", "migrations"));

        Assert.That(AksaraSettings.ResolveMigrationsDir("db/migrations", _contentRoot, _baseDirectory), Is.EqualTo(Path.Combine(_baseDirectory, "db", "migrations")));
    }

    [Test]
    public void When_neither_exists_the_content_root_path_is_named()
    {
        Assert.That(AksaraSettings.ResolveMigrationsDir("migrations", _contentRoot, _baseDirectory), Is.EqualTo(Path.Combine(_contentRoot, "migrations")));
    }

    [Test]
    public void An_absolute_path_is_kept_even_when_missing()
    {
        Directory.CreateDirectory(Path.Combine(_baseDirectory, "migrations"));
        var absolute = Path.Combine(_root, "nowhere", "migrations");

        Assert.That(AksaraSettings.ResolveMigrationsDir(absolute, _contentRoot, _baseDirectory), Is.EqualTo(absolute));
    }

    [Test]
    public void Settings_loaded_from_a_folder_resolve_against_it()
    {
        Directory.CreateDirectory(Path.Combine(_contentRoot, "migrations"));

        Assert.That(AksaraSettings.Load(_contentRoot).MigrationsPath, Is.EqualTo(Path.Combine(_contentRoot, "migrations")));
    }

    [Test]
    public async Task A_host_resolves_against_its_content_root_not_the_current_directory()
    {
        Directory.CreateDirectory(Path.Combine(_contentRoot, "scripts"));
        var builder = AksaraApp.CreateBuilder(new WebApplicationOptions { ContentRootPath = _contentRoot }, options =>
        {
            options.DatabaseUrl = "postgresql://localhost/unused";
            options.MigrationsDir = "scripts";
        });
        await using var app = builder.Build();

        Assert.That(app.Database.Options.MigrationsPath, Is.EqualTo(Path.Combine(_contentRoot, "scripts")));
    }
}
