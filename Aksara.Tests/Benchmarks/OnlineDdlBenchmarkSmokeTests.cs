using Aksara.Benchmarks.OnlineDdl;

namespace Aksara.Tests.Benchmarks;

/// <summary>
/// Runs the online-ddl benchmark once with tiny sizes (a few thousand rows, about two seconds of load per variant, a short
/// reader), so that it cannot rot: both variants run, the writers write, and the migration leaves the table as the model
/// says. It asserts nothing about time; the figures mean something only at the documented sizes.
/// </summary>
[NonParallelizable]
public sealed class OnlineDdlBenchmarkSmokeTests : DatabaseTestBase
{
    private static readonly OnlineDdlOptions Tiny = new()
    {
        Rows = 5_000,
        Customers = 500,
        Rate = 100,
        Connections = 4,
        LeadIn = TimeSpan.FromSeconds(1),
        Tail = TimeSpan.FromSeconds(0.5),
        ReaderEvery = TimeSpan.FromSeconds(1),
        ReaderSleep = TimeSpan.FromSeconds(0.4),
        ReaderLead = TimeSpan.FromSeconds(0.2),
        MaxVariantDuration = TimeSpan.FromMinutes(2),
    };

    private OnlineDdlReport _report = null!;

    [OneTimeSetUp]
    public async Task RunBenchmarkOnceAsync() => _report = await OnlineDdlBenchmark.MeasureAsync(DatabaseUrl, Tiny, TextWriter.Null);

    [Test]
    public void Both_variants_ran() =>
        Assert.That(_report.Variants.Select(variant => variant.Name), Is.EqualTo(new[] { "aksara", "plain" }));

    [Test]
    public void Aksara_writes_the_lock_safe_scripts_and_plain_one_script()
    {
        Assert.That(_report.Variants[0].Scripts, Has.Count.GreaterThan(1), "lock-safe: the concurrent index builds go into a script of their own");
        Assert.That(_report.Variants[1].Scripts, Has.Count.EqualTo(1));
    }

    [Test]
    public void Every_variant_reports_writes_and_read_transactions()
    {
        foreach (var variant in _report.Variants)
        {
            Assert.That(variant.Load.Writes, Is.GreaterThan(0), variant.Name);
            Assert.That(variant.Load.Samples, Has.Count.EqualTo(variant.Load.Writes), variant.Name);
            Assert.That(variant.ReadTransactions, Is.GreaterThan(0), variant.Name);
            Assert.That(variant.Timeline, Has.Some.Contains("migration starts"), variant.Name);
        }
    }

    [Test]
    public void Every_migration_leaves_the_table_as_the_model_says()
    {
        foreach (var variant in _report.Variants)
        {
            Assert.That(variant.Migration.Error, Is.Null, variant.Name);
            Assert.That(variant.SchemaDifferences, Is.Empty, variant.Name);
            Assert.That(variant.ObjectsAfter, Is.SupersetOf(OnlineDdlSchemas.AddedObjects), variant.Name);
            Assert.That(variant.NoteIsNotNull, Is.True, variant.Name);
        }
    }

    [Test]
    public void The_report_has_a_row_per_variant()
    {
        var table = _report.ToMarkdown();
        Assert.That(table, Does.Contain("| aksara |").And.Contain("| plain |"));
        Assert.That(_report.Findings(), Has.Some.StartsWith("Target"));
    }

    [Test]
    public async Task The_benchmark_cleans_up_its_tables_and_journal()
    {
        await using var command = DataSource.CreateCommand(
            $"SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = '{OnlineDdlSchemas.Schema}') OR to_regclass('public.aksara_migrations') IS NOT NULL");
        Assert.That(await command.ExecuteScalarAsync(), Is.False);
    }
}
