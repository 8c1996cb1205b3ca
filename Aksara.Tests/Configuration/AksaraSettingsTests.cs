namespace Aksara.Tests.Configuration;

[NonParallelizable]
public sealed class AksaraSettingsTests
{
    private static readonly string[] Variables = ["DATABASE_URL", "AKSARA_DATABASE_URL", "AKSARA_POOL_MIN_SIZE", "AKSARA_POOL_MAX_SIZE", "AKSARA_MIGRATIONS_DIR", "AKSARA_MIGRATIONS_DDL_LOCK_TIMEOUT"];
    private ClearedEnvironment _environment = null!;
    private string _root = null!;

    [SetUp]
    public void Isolate()
    {
        _environment = new ClearedEnvironment(Variables);
        _root = Directory.CreateTempSubdirectory("aksara-settings-").FullName;
    }

    [TearDown]
    public void Restore()
    {
        _environment.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void Defaults_apply_when_nothing_is_configured()
    {
        var options = AksaraSettings.Load(_root);
        Assert.That(options.DatabaseUrl, Is.Null);
        Assert.That(options.PoolMinSize, Is.EqualTo(5));
        Assert.That(options.PoolMaxSize, Is.EqualTo(20));
        Assert.That(options.MigrationsDir, Is.EqualTo("migrations"));
        Assert.That(options.ApplicationName, Is.EqualTo("aksara"));
    }

    [Test]
    public void The_ddl_lock_timeout_binds_from_appsettings_then_the_environment_and_names_its_source()
    {
        Assert.That(AksaraSettings.Load(_root).Migrations.DdlLockTimeout, Is.EqualTo(2), "the default");

        WriteAppSettings("""{ "Aksara": { "Migrations": { "DdlLockTimeout": 0.5 } } }""");
        var fromJson = AksaraSettings.Resolve(_root);
        Environment.SetEnvironmentVariable("AKSARA_MIGRATIONS_DDL_LOCK_TIMEOUT", "7");
        var fromEnvironment = AksaraSettings.Resolve(_root);
        Environment.SetEnvironmentVariable("AKSARA_MIGRATIONS_DDL_LOCK_TIMEOUT", "-1");

        Assert.That(fromJson.Options.Migrations.DdlLockTimeout, Is.EqualTo(0.5));
        Assert.That(fromEnvironment.Options.Migrations.DdlLockTimeout, Is.EqualTo(7));
        Assert.That(fromJson.Sources[AksaraMigrationOptions.DdlLockTimeoutKey], Does.Contain("appsettings"));
        Assert.That(fromEnvironment.Sources[AksaraMigrationOptions.DdlLockTimeoutKey], Is.EqualTo("environment"));
        Assert.That(() => AksaraSettings.Load(_root), Throws.TypeOf<AksaraConfigurationException>()
            .With.Message.Contains("DdlLockTimeout").And.Message.Contains("AKSARA_MIGRATIONS_DDL_LOCK_TIMEOUT"));
    }

    [Test]
    public void Later_sources_win_appsettings_then_env_file_then_environment_then_code()
    {
        WriteAppSettings("""{ "Aksara": { "DatabaseUrl": "postgresql://json/db", "PoolMinSize": 1, "PoolMaxSize": 7, "MigrationsDir": "from-json" } }""");
        Assert.That(AksaraSettings.Load(_root).DatabaseUrl, Is.EqualTo("postgresql://json/db"));

        File.WriteAllText(Path.Combine(_root, ".env"), "DATABASE_URL=postgresql://dotenv/db\nAKSARA_POOL_MAX_SIZE=9\n");
        var fromDotEnv = AksaraSettings.Load(_root);
        Assert.That(fromDotEnv.DatabaseUrl, Is.EqualTo("postgresql://dotenv/db"));
        Assert.That(fromDotEnv.PoolMaxSize, Is.EqualTo(9));
        Assert.That(fromDotEnv.MigrationsDir, Is.EqualTo("from-json"));

        Environment.SetEnvironmentVariable("DATABASE_URL", "postgresql://environment/db");
        Assert.That(AksaraSettings.Load(_root).DatabaseUrl, Is.EqualTo("postgresql://environment/db"), ".env never overrides the environment");

        Environment.SetEnvironmentVariable("AKSARA_DATABASE_URL", "postgresql://aksara-variable/db");
        Assert.That(AksaraSettings.Load(_root).DatabaseUrl, Is.EqualTo("postgresql://aksara-variable/db"));

        AksaraSettings.Configure(databaseUrl: "postgresql://code/db", poolMaxSize: 11);
        var resolved = AksaraSettings.Resolve(_root);
        Assert.That(resolved.Options.DatabaseUrl, Is.EqualTo("postgresql://code/db"));
        Assert.That(resolved.Options.PoolMaxSize, Is.EqualTo(11));
        Assert.That(resolved.Options.PoolMinSize, Is.EqualTo(1));
        Assert.That(resolved.Sources[nameof(AksaraOptions.DatabaseUrl)], Does.Contain("code"));
        Assert.That(resolved.Sources[nameof(AksaraOptions.PoolMinSize)], Does.Contain("appsettings.json"));
        Assert.That(resolved.Sources[nameof(AksaraOptions.CommandTimeoutSeconds)], Is.EqualTo("default"));
    }

    [Test]
    public void Env_files_accept_comments_quotes_export_and_equals_signs_in_values()
    {
        File.WriteAllText(Path.Combine(_root, ".env"), """
            # the database
            export DATABASE_URL="postgresql://u:p%3Dq@host/db?application_name=a=b"
            AKSARA_MIGRATIONS_DIR='db/migrations'   
            AKSARA_POOL_MIN_SIZE=2 # inline comment
            UNRELATED=$HOME
            """);
        var options = AksaraSettings.Load(_root);
        Assert.That(options.DatabaseUrl, Is.EqualTo("postgresql://u:p%3Dq@host/db?application_name=a=b"));
        Assert.That(options.MigrationsDir, Is.EqualTo("db/migrations"));
        Assert.That(options.PoolMinSize, Is.EqualTo(2));
    }

    [Test]
    public void A_dollar_sign_in_an_env_file_password_is_kept_as_written()
    {
        File.WriteAllText(Path.Combine(_root, ".env"), "DATABASE_URL=postgresql://u:pa$HOME$word@host/db\n");
        Assert.That(AksaraSettings.Load(_root).DatabaseUrl, Is.EqualTo("postgresql://u:pa$HOME$word@host/db"));
    }

    [TestCase("AKSARA_POOL_MAX_SIZE", "0", "PoolMaxSize must be at least 1")]
    [TestCase("AKSARA_POOL_MIN_SIZE", "-1", "PoolMinSize must be 0 or more")]
    [TestCase("AKSARA_POOL_MIN_SIZE", "50", "must not exceed PoolMaxSize")]
    [TestCase("AKSARA_POOL_MAX_SIZE", "lots", "PoolMaxSize")]
    public void Invalid_pool_sizes_are_configuration_errors_naming_the_setting(string variable, string value, string expected)
    {
        Environment.SetEnvironmentVariable(variable, value);
        Assert.That(() => AksaraSettings.Load(_root), Throws.TypeOf<AksaraConfigurationException>().With.Message.Contains(expected));
    }

    [Test]
    public void A_default_database_without_a_url_says_where_it_looked()
    {
        Assert.That(() => Database.FromSettings(AksaraSettings.Resolve(_root)), Throws.TypeOf<AksaraConfigurationException>()
            .With.Message.Contains("DATABASE_URL is not set").And.Message.Contains(".env").And.Message.Contains("aksara dbsetup"));
    }

    private void WriteAppSettings(string json) => File.WriteAllText(Path.Combine(_root, "appsettings.json"), json);
}
