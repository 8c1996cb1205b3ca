using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>Housekeeping statements (truncating between iterations) on a connection of their own, outside any variant's pool.</summary>
public static class BenchmarkSql
{
    public static void Execute(string sql) => Execute(BenchmarkEnvironment.DatabaseUrl, sql);

    public static void Execute(string databaseUrl, string sql)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(BenchmarkConnections.ConnectionString(databaseUrl))
        {
            Pooling = false,
        }.ConnectionString;
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
