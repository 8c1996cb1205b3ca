using System.CommandLine;
using Aksara.Cli;

namespace Aksara.Tests.Cli;

/// <summary>What <c>aksara</c> prints to someone finding their way: help for a bare <c>aksara</c>, and on every command examples and exit codes.</summary>
public sealed class CommandLineHelpTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("aksara-help-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_bare_aksara_prints_the_help_and_exits_0()
    {
        var result = await CliRunner.RunAsync(_folder, null);

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("Usage:").And.Contain("migrate").And.Contain("Examples:").And.Contain("Exit codes:"));
        Assert.That(result.Error, Is.Empty);
    }

    [Test]
    public async Task A_bare_command_group_prints_its_help()
    {
        var result = await CliRunner.RunAsync(_folder, null, "db");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("start").And.Contain("stop").And.Contain("status").And.Contain("Examples:"));
    }

    private static IEnumerable<string> CommandPaths()
    {
        IEnumerable<string> Walk(Command command, string path) =>
            command.Subcommands.SelectMany(sub => Walk(sub, $"{path} {sub.Name}".Trim())).Prepend(path);
        return Walk(AksaraCli.CreateRootCommand(), "");
    }

    [TestCaseSource(nameof(CommandPaths))]
    public async Task Every_command_help_has_examples_and_exit_codes(string path)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = [.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];

        var exitCode = await AksaraCli.RunAsync(args, output, error);

        var help = output.ToString();
        Assert.That(exitCode, Is.Zero, error.ToString());
        Assert.That(help, Does.Contain("Examples:").And.Contain("Exit codes:"));
        var examples = help[help.IndexOf("Examples:", StringComparison.Ordinal)..help.IndexOf("Exit codes:", StringComparison.Ordinal)];
        Assert.That(examples.Split('\n').Skip(1).Where(line => line.Trim().Length > 0), Is.Not.Empty.And.All.StartWith("  ").And.All.Contain("aksara "),
            "each example is a command line to copy");
        Assert.That(help, Does.Contain("  0  ").And.Contain("  2  usage error"));
        Assert.That(help, Does.Contain("--project").And.Contain("-C"), "-C/--project works on every command");
    }
}
