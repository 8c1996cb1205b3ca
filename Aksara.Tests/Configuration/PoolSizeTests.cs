using Aksara.Tests.Hosting;
using Microsoft.Extensions.Logging;

namespace Aksara.Tests.Configuration;

/// <summary>
/// A small pool set through its maximum alone (AKSARA_POOL_MAX_SIZE=2) must start: the unset minimum follows the
/// maximum down, and says so. Only a minimum set above the maximum is an error.
/// </summary>
[NonParallelizable]
public sealed class PoolSizeTests
{
    private static readonly string[] Variables = ["DATABASE_URL", "AKSARA_DATABASE_URL", "AKSARA_POOL_MIN_SIZE", "AKSARA_POOL_MAX_SIZE"];
    private ClearedEnvironment _environment = null!;
    private string _root = null!;

    [SetUp]
    public void Isolate()
    {
        _environment = new ClearedEnvironment(Variables);
        _root = Directory.CreateTempSubdirectory("aksara-pool-").FullName;
    }

    [TearDown]
    public void Restore()
    {
        _environment.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Only_AKSARA_POOL_MAX_SIZE_below_the_default_minimum_brings_the_minimum_down_with_it()
    {
        Environment.SetEnvironmentVariable("AKSARA_POOL_MAX_SIZE", "2");

        var options = AksaraSettings.Load(_root);

        Assert.That(() => options.Validate(), Throws.Nothing);
        Assert.That((options.PoolMinSize, options.PoolMaxSize), Is.EqualTo((2, 2)));
    }

    [Test]
    public void A_maximum_at_or_above_the_default_minimum_keeps_the_default_minimum()
    {
        Environment.SetEnvironmentVariable("AKSARA_POOL_MAX_SIZE", "8");

        Assert.That(AksaraSettings.Load(_root).PoolMinSize, Is.EqualTo(AksaraOptions.DefaultPoolMinSize));
    }

    [Test]
    public void An_explicit_minimum_above_the_maximum_is_an_error_naming_both_and_the_settings()
    {
        Environment.SetEnvironmentVariable("AKSARA_POOL_MIN_SIZE", "5");
        Environment.SetEnvironmentVariable("AKSARA_POOL_MAX_SIZE", "2");

        Assert.That(() => AksaraSettings.Load(_root), Throws.TypeOf<AksaraConfigurationException>().With.Message
            .Contains("PoolMinSize (5) must not exceed PoolMaxSize (2)").And.Message.Contains("AKSARA_POOL_MIN_SIZE").And.Message.Contains("AKSARA_POOL_MAX_SIZE"));
    }

    [Test]
    public async Task The_Database_constructor_with_only_a_small_maximum_follows_it_and_logs_it_at_Information()
    {
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));

        await using var byUrl = new Database("postgresql://app@127.0.0.1/app", poolMaxSize: 2);
        await using var byOptions = new Database(new AksaraOptions { DatabaseUrl = "postgresql://app@127.0.0.1/app", PoolMaxSize = 2, LoggerFactory = loggerFactory });

        Assert.That(byUrl.Options.PoolMinSize, Is.EqualTo(2));
        Assert.That(byOptions.Options.PoolMinSize, Is.EqualTo(2));
        Assert.That(logs.Lines, Has.One.StartsWith("Information").And.Contains("PoolMinSize follows PoolMaxSize: 2"));
        Assert.That(() => new Database("postgresql://app@127.0.0.1/app", poolMinSize: 3, poolMaxSize: 2), Throws.TypeOf<AksaraConfigurationException>());
    }
}
