using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Aksara.Benchmarks;

/// <summary>
/// Short runs sized for a shared two-core machine: one launch, a few warm-up and measured iterations of a quarter
/// second each. Allocations are measured; ratios are against the hand-written Npgsql baseline of each class.
/// </summary>
/// <remarks>
/// Benchmarks run in the launcher's own process (in-process toolchain): BenchmarkDotNet's default toolchain would
/// build a generated project against the source tree, outside the build's artifacts path, and every process would
/// pay a build. Each variant still gets its own data source, and warm-up absorbs first-use costs.
/// </remarks>
public static class BenchmarkConfig
{
    /// <param name="addDefaultJob">False when the command line chooses the job (<c>--job short</c>).</param>
    public static IConfig Create(bool addDefaultJob)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance);
        if (addDefaultJob)
        {
            config.AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("Short"));
        }
        return config
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared))
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
    }
}
