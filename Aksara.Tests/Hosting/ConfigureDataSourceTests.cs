using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aksara.Tests.Hosting;

/// <summary>
/// <c>options.ConfigureDataSource(builder => …)</c> reaches the <see cref="NpgsqlDataSourceBuilder"/> of Aksara's pool,
/// from <c>AddAksara</c> and from <c>AksaraApp.CreateBuilder</c>'s callback alike, and the pool is in DI as the
/// <see cref="NpgsqlDataSource"/> (keyed for named databases), so a library that takes one shares it.
/// </summary>
public sealed class ConfigureDataSourceTests : DatabaseTestBase
{
    [Test]
    public async Task What_the_callback_sets_wins_and_the_pool_is_the_data_source_in_DI()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAksara(builder.Configuration, options => options
            .ConfigureDataSource(source => source.ConnectionStringBuilder.ApplicationName = "first")
            .ConfigureDataSource(source => source.ConnectionStringBuilder.ApplicationName += "+second; DROP"));
        builder.Services.AddAksaraDatabase("replica", DatabaseUrl,
            options => options.ConfigureDataSource(source => source.ConnectionStringBuilder.ApplicationName = "replica"));
        builder.Configuration["Aksara:DatabaseUrl"] = DatabaseUrl;
        await using var app = builder.Build();
        await app.StartAsync();

        var database = app.Services.GetRequiredService<Database>();
        var replica = app.Services.GetRequiredKeyedService<Database>("replica");
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        Assert.Multiple(async () =>
        {
            Assert.That(dataSource, Is.SameAs(database.DataSource), "one pool: a library taking NpgsqlDataSource uses Aksara's");
            Assert.That(app.Services.GetRequiredKeyedService<NpgsqlDataSource>("replica"), Is.SameAs(replica.DataSource));
            Assert.That(await database.FetchValAsync<string>("SELECT current_setting('application_name')"), Is.EqualTo("first+second; DROP"), "in order, after Aksara's own");
            Assert.That(await replica.FetchValAsync<string>("SELECT current_setting('application_name')"), Is.EqualTo("replica"), "a keyed database inherits the callbacks, then adds its own");
        });
        await using (var command = dataSource.CreateCommand("SELECT 1"))
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1));
        await app.StopAsync();
    }

    [Test]
    public async Task A_password_provider_supplies_the_password_a_cloud_IAM_token_would()
    {
        await using var cluster = await PasswordAuthCluster.StartAsync();
        await cluster.CreatePasswordRoleAsync("iam_user", "token-1");
        var tokens = 0;

        var builder = AksaraApp.CreateBuilder(new WebApplicationOptions(), options =>
        {
            // No password in the URL: the provider hands out a fresh "token" for each physical connection.
            options.DatabaseUrl = $"postgresql://iam_user@{cluster.Server.Host}:{cluster.Server.Port}/postgres";
            options.PoolMinSize = 0;
            options.ConfigureDataSource(source => source.UsePasswordProvider(
                _ => throw new InvalidOperationException("Aksara opens connections asynchronously"),
                (_, _) => { Interlocked.Increment(ref tokens); return ValueTask.FromResult("token-1"); }));
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        await app.StartAsync();

        Assert.That(await app.Database.FetchValAsync<string>("SELECT current_user"), Is.EqualTo("iam_user"));
        Assert.That(tokens, Is.GreaterThanOrEqualTo(1));
        await app.StopAsync();
    }
}
