using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>
/// The one set of data source settings every variant gets, so that a difference in the results is the library's and
/// not the pool's: Aksara's own defaults (automatic preparation of up to 64 statements per connection) applied to
/// hand-written Npgsql, Dapper and EF Core alike.
/// </summary>
public static class BenchmarkConnections
{
    /// <summary>What Aksara sets on its data source (<c>DataSourceFactory</c>); every variant gets the same.</summary>
    public const int MaxAutoPrepare = 64;

    /// <param name="noResetOnClose">Only for <see cref="PoolResetBenchmarks"/>: skip Npgsql's session reset when a connection goes back to the pool.</param>
    public static string ConnectionString(string databaseUrl, bool noResetOnClose = false)
    {
        var builder = global::Aksara.DatabaseUrl.Parse(databaseUrl).ToConnectionStringBuilder();
        builder.MaxAutoPrepare = MaxAutoPrepare;
        builder.MinPoolSize = 0;
        builder.MaxPoolSize = BenchmarkEnvironment.PoolMaxSize;
        builder.ApplicationName = "aksara-bench";
        builder.NoResetOnClose = noResetOnClose;
        return builder.ConnectionString;
    }

    /// <summary>The settings that matter, for the report: automatic preparation and pool bounds.</summary>
    public static string DescribeSettings() =>
        $"Max Auto Prepare={MaxAutoPrepare}, Auto Prepare Min Usages={new NpgsqlConnectionStringBuilder().AutoPrepareMinUsages}, " +
        $"Minimum Pool Size=0, Maximum Pool Size={BenchmarkEnvironment.PoolMaxSize}, no multiplexing";

    public static NpgsqlDataSource CreateDataSource(bool noResetOnClose = false) =>
        NpgsqlDataSource.Create(ConnectionString(BenchmarkEnvironment.DatabaseUrl, noResetOnClose));

    /// <summary>An Aksara <see cref="Database"/> over the same connection string, with the same pool bounds.</summary>
    public static Database CreateDatabase(bool noResetOnClose = false) => new(new AksaraOptions
    {
        DatabaseUrl = ConnectionString(BenchmarkEnvironment.DatabaseUrl, noResetOnClose),
        PoolMinSize = 0,
        PoolMaxSize = BenchmarkEnvironment.PoolMaxSize,
        ApplicationName = "aksara-bench",
    });
}
