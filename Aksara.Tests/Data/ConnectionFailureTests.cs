using System.Net;
using System.Net.Sockets;

namespace Aksara.Tests.Data;

public sealed class ConnectionFailureTests : DatabaseTestBase
{
    [Test]
    public async Task A_third_query_waits_for_a_full_pool_then_fails_with_the_pool_exhausted_hint()
    {
        await using var db = new Database(new AksaraOptions
        {
            DatabaseUrl = DatabaseUrl,
            PoolMinSize = 0,
            PoolMaxSize = 2,
            ConnectionTimeoutSeconds = 1,
        });
        await using var first = await db.BeginTransactionAsync();
        await using var second = await db.BeginTransactionAsync();

        var third = db.FetchValAsync<int>("SELECT 1");
        await Task.Delay(200);
        Assert.That(third.IsCompleted, Is.False, "the third query waits for a connection");

        var error = Assert.ThrowsAsync<AksaraConnectionException>(() => third);
        Assert.That(error!.Failure, Is.EqualTo(ConnectionFailure.PoolExhausted));
        Assert.That(error.Message, Does.Contain("pool is exhausted").And.Contain("PoolMaxSize"));

        await first.RollbackAsync();
        Assert.That(await db.FetchValAsync<int>("SELECT 1"), Is.EqualTo(1), "a freed connection serves the next query");
    }

    [Test]
    public async Task A_port_with_no_server_gives_the_connection_refused_hint()
    {
        var port = FreePort();
        await using var db = new Database($"postgresql://app:s3cret-Pa55@127.0.0.1:{port}/app", poolMinSize: 1, poolMaxSize: 2);
        var error = Assert.ThrowsAsync<AksaraConnectionException>(() => db.ConnectAsync());
        Assert.That(error!.Failure, Is.EqualTo(ConnectionFailure.Refused));
        Assert.That(error.Message, Does.Contain($"pg_isready -h 127.0.0.1 -p {port}"));
        Assert.That(error.Message, Does.Not.Contain("s3cret-Pa55"));
    }

    [Test]
    public async Task A_missing_database_points_to_dbsetup()
    {
        var url = DatabaseUrl[..DatabaseUrl.LastIndexOf('/')] + "/no_such_database_here";
        await using var db = new Database(url, poolMinSize: 1, poolMaxSize: 2);
        var error = Assert.ThrowsAsync<AksaraConnectionException>(() => db.ConnectAsync());
        Assert.That(error!.Failure, Is.EqualTo(ConnectionFailure.DatabaseMissing));
        Assert.That(error.Message, Does.Contain("no_such_database_here").And.Contain("aksara dbsetup"));
    }

    [Test]
    public async Task ConnectAsync_opens_the_minimum_pool_up_front()
    {
        await using var db = new Database(DatabaseUrl + "?application_name=warmup_probe", poolMinSize: 3, poolMaxSize: 5);
        await db.ConnectAsync();
        var open = await db.FetchValAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'warmup_probe'");
        Assert.That(open, Is.GreaterThanOrEqualTo(3L));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
