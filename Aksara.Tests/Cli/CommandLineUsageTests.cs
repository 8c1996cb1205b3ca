namespace Aksara.Tests.Cli;

/// <summary>What the real <c>aksara</c> process answers to a mistyped command or a bad option value: exit 2, what was wrong, what to type.</summary>
public sealed class CommandLineUsageTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("aksara-usage-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase("migrat", "migrate")]
    [TestCase("showmigration", "showmigrations")]
    [TestCase("cnofig", "config")]
    [TestCase("db statr", "start")]
    [TestCase("migrate --jsn", "--json")]
    public async Task A_mistyped_command_or_option_suggests_the_closest_one(string typed, string suggestion)
    {
        var result = await CliRunner.RunAsync(_folder, null, typed.Split(' '));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.Error, Does.Contain($"Did you mean '{suggestion}'?"));
        Assert.That(result.Error, Does.Not.Contain("Required command was not provided"), "the typo is the one error");
        Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.StartsWith("error:", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_word_that_is_like_no_command_gets_no_suggestion()
    {
        var result = await CliRunner.RunAsync(_folder, null, "frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("'frobnicate'").And.Not.Contain("Did you mean"));
    }

    [TestCase("dbsetup --port x", "--port", "'x'", "--port 5432")]
    [TestCase("migrate --lock-timeout abc", "--lock-timeout", "'abc'", "--lock-timeout 30")]
    [TestCase("migrate --ddl-retries 2.5", "--ddl-retries", "'2.5'", "--ddl-retries 5")]
    [TestCase("migrate --ddl-lock-timeout 1s", "--ddl-lock-timeout", "'1s'", "--ddl-lock-timeout 0.5")]
    public async Task A_bad_number_names_the_option_and_the_value_and_shows_one_that_works_never_a_CLR_type(string args, string option, string value, string example)
    {
        var result = await CliRunner.RunAsync(_folder, null, args.Split(' '));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.Error, Does.Contain(option).And.Contain(value).And.Contain(example));
        Assert.That(result.Error, Does.Not.Contain("System.").And.Not.Contain("Nullable"));
    }
}
