using Aksara.Testing;
using Npgsql;

namespace Aksara.Tests;

/// <summary>A server someone else runs (AKSARA_TEST_DATABASE_URL): used as-is, never stopped.</summary>
internal sealed class ExternalServer(string connectionString) : ProvisionedServer(connectionString)
{
    /// <summary>Accepts a <c>postgresql://</c> URL or an Npgsql connection string.</summary>
    public static ExternalServer Parse(string value)
        => new(value.Contains("://", StringComparison.Ordinal) ? UrlToConnectionString(value) : value);

    public override Task StopAsync(CancellationToken cancellationToken = default)
        => throw new NotSupportedException("The test server comes from AKSARA_TEST_DATABASE_URL and is not ours to stop; start a LocalPostgresCluster instead.");

    public override Task StartAgainAsync(CancellationToken cancellationToken = default) => StopAsync(cancellationToken);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Just enough of the libpq URI syntax for a test server. It can't use Aksara's own
    // DATABASE_URL parser: the fixture must work even while that parser is broken.
    static string UrlToConnectionString(string url)
    {
        var uri = new Uri(url);
        if (uri.Scheme is not ("postgresql" or "postgres"))
            throw new ArgumentException($"AKSARA_TEST_DATABASE_URL must be a postgresql:// URL, not {uri.Scheme}://.");
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "postgres",
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "postgres",
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, Uri.UnescapeDataString(v)) : (pair, "");
            builder[key switch
            {
                "sslmode" => "SSL Mode",
                "application_name" => "Application Name",
                "connect_timeout" => "Timeout",
                _ => key,
            }] = key == "sslmode" ? value.Replace("-", "", StringComparison.Ordinal) : value;
        }
        return builder.ConnectionString;
    }
}
