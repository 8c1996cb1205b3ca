using System.Diagnostics;
using Aksara.Testing;
using Npgsql;

namespace Aksara.Tests.Scale;

/// <summary>
/// A primary of a test's own with a real streaming standby (<c>pg_basebackup -R</c>) on loopback, and a database
/// <c>app</c> on both; everything stopped and deleted on dispose. The primary can be killed (<c>kill -9</c> of its
/// postmaster, by PID) and the standby promoted.
/// </summary>
internal sealed class ReplicatedCluster : IAsyncDisposable
{
    public const string Database = "app";

    private bool _primaryKilled;

    private ReplicatedCluster(LocalClusterServer primary, LocalStandby standby)
    {
        Primary = primary;
        Standby = standby;
    }

    public LocalClusterServer Primary { get; }

    public LocalStandby Standby { get; }

    public string PrimaryUrl => Primary.GetDatabaseUrl(Database);

    public string StandbyUrl => Standby.GetDatabaseUrl(Database);

    /// <summary>Both hosts, primary first, as a multi-host URL.</summary>
    public string MultiHostUrl(string targetSessionAttributes) =>
        $"postgresql://postgres@{Primary.Host}:{Primary.Port},{Standby.Host}:{Standby.Port}/{Database}?target_session_attrs={targetSessionAttributes}";

    public static async Task<ReplicatedCluster> StartAsync(string schema)
    {
        LocalClusterServer primary;
        try
        {
            primary = (LocalClusterServer)await new LocalPostgresCluster().StartAsync();
        }
        catch (AksaraException ex) when (ex.Message.Contains("not found", StringComparison.Ordinal))
        {
            Assert.Ignore($"These tests run a primary and a standby of their own, which needs the server binaries: {ex.Message}");
            throw;
        }
        try
        {
            await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Pooling = false }.ConnectionString))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE {Database}", admin).ExecuteNonQueryAsync();
            }
            await using (var app = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(primary.GetConnectionString(Database)) { Pooling = false }.ConnectionString))
            {
                await app.OpenAsync();
                await new NpgsqlCommand(schema, app).ExecuteNonQueryAsync();
            }
            return new ReplicatedCluster(primary, await LocalStandby.CreateAsync(primary));
        }
        catch
        {
            await primary.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Makes every commit on the primary wait until the standby has flushed it (<c>synchronous_standby_names = '*'</c>),
    /// and waits until the standby is the synchronous one.
    /// </summary>
    public async Task MakeStandbySynchronousAsync()
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Primary.ConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await new NpgsqlCommand("ALTER SYSTEM SET synchronous_standby_names = '*'; SELECT pg_reload_conf()", admin).ExecuteNonQueryAsync();
        var synchronous = await EventuallyAsync(async () =>
            await new NpgsqlCommand("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'", admin).ExecuteScalarAsync() is long and > 0,
            TimeSpan.FromSeconds(30));
        if (!synchronous)
            throw new InvalidOperationException("The standby did not become synchronous within 30 s.");
    }

    /// <summary>Kills the primary's postmaster with SIGKILL, as a crashed machine would leave it, and waits until it is gone.</summary>
    public async Task KillPrimaryAsync()
    {
        var pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(Primary.DataDirectory, "postmaster.pid")))[0]);
        using var postmaster = Process.GetProcessById(pid);
        postmaster.Kill();
        await postmaster.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _primaryKilled = true;
    }

    /// <summary>A connection string for <paramref name="url"/> that opens a connection of its own, outside any pool.</summary>
    public static string Unpooled(string url)
    {
        var builder = DatabaseUrl.Parse(url).ToConnectionStringBuilder();
        builder.Pooling = false;
        return builder.ConnectionString;
    }

    /// <summary>Waits, at most <paramref name="timeout"/>, until <paramref name="condition"/> holds.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await condition())
                return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    public async ValueTask DisposeAsync()
    {
        await Standby.DisposeAsync();
        try
        {
            await Primary.DisposeAsync();
        }
        catch (AksaraException) when (_primaryKilled)
        {
            // pg_ctl has nothing to stop; the folder is deleted all the same.
        }
    }
}
