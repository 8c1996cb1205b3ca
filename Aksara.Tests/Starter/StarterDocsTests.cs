using System.Text.RegularExpressions;

namespace Aksara.Tests.Starter;

/// <summary>
/// The C# that docs/hosting.md ("OpenAPI and Scalar") and docs/observability.md ("In the starter app") show is the
/// starter's own code, line for line (indentation aside), so that it is what the starter tests run.
/// </summary>
public sealed partial class StarterDocsTests
{
    [TestCase("hosting.md", "## OpenAPI and Scalar")]
    [TestCase("observability.md", "## In the starter app")]
    public void Each_csharp_example_of_the_section_is_in_the_starter_source(string page, string heading)
    {
        var examples = CSharpBlocks(Section(page, heading));
        var sources = Directory.GetFiles(StarterProject.Directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path: Path.GetRelativePath(StarterProject.Directory, path), Lines: Lines(File.ReadAllText(path))))
            .ToList();

        Assert.That(examples, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var example in examples)
            {
                var lines = Lines(example);
                Assert.That(sources.Any(source => Contains(source.Lines, lines)), Is.True,
                    $"docs/{page} shows code that no starter file has:{Environment.NewLine}{example}");
            }
        });
    }

    static string Section(string page, string heading)
    {
        var text = File.ReadAllText(Path.Combine(StarterProject.RepositoryRoot, "docs", page)).ReplaceLineEndings("\n");
        var start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"docs/{page} has no heading {heading}");
        var end = text.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    static List<string> CSharpBlocks(string markdown) =>
        [.. CSharpBlock().Matches(markdown).Select(match => match.Groups[1].Value)];

    /// <summary>The lines with their indentation trimmed, blank ones left out.</summary>
    static string[] Lines(string code) =>
        [.. code.ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];

    static bool Contains(string[] source, string[] part) =>
        Enumerable.Range(0, Math.Max(0, source.Length - part.Length + 1)).Any(at => source.AsSpan(at, part.Length).SequenceEqual(part));

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
