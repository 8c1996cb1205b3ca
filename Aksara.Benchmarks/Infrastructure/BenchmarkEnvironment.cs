namespace Aksara.Benchmarks;

/// <summary>
/// Where the benchmarks find their database. The launcher provisions one and passes it to BenchmarkDotNet's child
/// processes through <see cref="DatabaseUrlVariable"/>; the smoke test sets <see cref="DatabaseUrl"/> directly.
/// </summary>
public static class BenchmarkEnvironment
{
    public const string DatabaseUrlVariable = "AKSARA_BENCH_DATABASE_URL";

    /// <summary>Upper bound of every variant's connection pool; the same for all of them.</summary>
    public const string PoolMaxSizeVariable = "AKSARA_BENCH_POOL_MAX_SIZE";

    private static string? s_databaseUrl;

    /// <summary>A <c>postgresql://</c> URL or an Npgsql keyword string of a seeded database.</summary>
    public static string DatabaseUrl
    {
        get => s_databaseUrl
            ?? Environment.GetEnvironmentVariable(DatabaseUrlVariable)
            ?? throw new InvalidOperationException(
                $"No benchmark database: run the benchmarks through the Aksara.Benchmarks launcher (which provisions one) or set {DatabaseUrlVariable}.");
        set => s_databaseUrl = value;
    }

    public static int PoolMaxSize =>
        int.TryParse(Environment.GetEnvironmentVariable(PoolMaxSizeVariable), out var size) && size > 0 ? size : 32;
}
