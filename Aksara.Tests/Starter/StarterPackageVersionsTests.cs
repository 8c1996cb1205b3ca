using System.Xml.Linq;

namespace Aksara.Tests.Starter;

/// <summary>
/// A project made with <c>dotnet new aksara-webapi</c> names its package versions itself, while the repository's build of
/// the starter takes them from Directory.Packages.props: the two lists must agree, so that what the tests run is what
/// users get.
/// </summary>
public sealed class StarterPackageVersionsTests
{
    [Test]
    public void The_templates_package_versions_are_the_repositorys_central_ones_and_Aksaras_own()
    {
        var root = StarterProject.RepositoryRoot;
        var template = XDocument.Load(Path.Combine(StarterProject.Directory, StarterProject.ProjectName + ".csproj"));
        var central = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(item => (string)item.Attribute("Include")!, item => (string?)item.Attribute("Version"));
        // The template engine writes the packed version in place of this symbol (.template.config/template.json).
        const string AksaraVersion = "$(AksaraPackageVersion)";

        var references = template.Descendants("PackageReference")
            .Where(item => item.Attribute("Include") is not null)
            .Select(item => (Package: (string)item.Attribute("Include")!, Version: (string?)item.Attribute("Version")))
            .ToList();

        Assert.That(references.Select(reference => reference.Package), Does.Contain("Microsoft.AspNetCore.OpenApi").And.Contain("Aksara.Core"));
        Assert.Multiple(() =>
        {
            foreach (var (package, version) in references)
            {
                var aksara = package.StartsWith("Aksara.", StringComparison.Ordinal);
                Assert.That(version, Is.EqualTo(aksara ? AksaraVersion : central.GetValueOrDefault(package)),
                    $"{package}: the template's version, against {(aksara ? "the packed Aksara version" : "Directory.Packages.props")}");
            }
        });
    }
}
