using Aksara.Configuration;
using Aksara.Errors;
using Npgsql;

namespace Aksara.Data;

/// <summary>Builds the one pooled <see cref="NpgsqlDataSource"/> of a <see cref="Database"/> from its options.</summary>
internal static class DataSourceFactory
{
    internal static (NpgsqlDataSource DataSource, ConnectionTarget Target) Create(AksaraOptions options)
    {
        options.Validate();
        if (string.IsNullOrWhiteSpace(options.DatabaseUrl))
            throw new AksaraConfigurationException("No database URL was given. Set DATABASE_URL (e.g. postgresql://user:password@localhost:5432/app) or pass one in code.");

        var url = DatabaseUrl.Parse(options.DatabaseUrl);
        var connectionString = url.ToConnectionStringBuilder();
        connectionString.MinPoolSize = options.PoolMinSize;
        connectionString.MaxPoolSize = options.PoolMaxSize;
        connectionString.CommandTimeout = options.CommandTimeoutSeconds;
        if (!url.Parameters.ContainsKey("connect_timeout"))
            connectionString.Timeout = options.ConnectionTimeoutSeconds;
        if (string.IsNullOrEmpty(connectionString.ApplicationName))
            connectionString.ApplicationName = options.ApplicationName;
        // A replica's connections refuse writes even when they land on a primary (a fallback, a promoted standby).
        if (options.ReadOnly && options.PgBouncer != PgBouncerMode.Transaction)
            connectionString.Options = $"{connectionString.Options} -c default_transaction_read_only=on".Trim();
        if (options.PgBouncer == PgBouncerMode.Transaction)
        {
            TransactionPooling(connectionString);
        }
        else
        {
            if (!SearchPath.IsSetBy(url) && SearchPath.For(options.Schema) is { } searchPath)
                connectionString.SearchPath = searchPath;
            // Aksara's statements repeat (CRUD, typed queries), so let Npgsql prepare the hot ones.
            if (connectionString.MaxAutoPrepare == 0)
                connectionString.MaxAutoPrepare = 64;
        }

        // Npgsql remembers which host is the primary for Host Recheck Seconds (10 by default): after a failover, writes
        // wait that long for the promoted standby to be tried. A few seconds keeps the switch short at one query a check
        // (ConfigureDataSource can still set another value).
        if (url.Hosts.Count > 1)
            connectionString.HostRecheckSeconds = MultiHostRecheckSeconds;

        var builder = new NpgsqlDataSourceBuilder(connectionString.ConnectionString);
        if (options.LoggerFactory is not null)
            builder.UseLoggerFactory(options.LoggerFactory);
        DataSourceConfiguration.Apply(builder);
        foreach (var configure in options.DataSourceCallbacks)
            configure(builder);

        var first = url.Hosts[0];
        var target = new ConnectionTarget(
            url.ToMaskedString(),
            first.Host,
            first.Port ?? 5432,
            connectionString.Database,
            connectionString.Username ?? Environment.UserName,
            options.PoolMaxSize,
            connectionString.Timeout,
            connectionString.CommandTimeout);
        return (Build(builder, options.TargetSessionAttributes ?? url.TargetSessionAttributes, url.Hosts.Count), target);
    }

    internal const int MultiHostRecheckSeconds = 2;

    /// <summary>
    /// Through PgBouncer in transaction mode each statement may land on another server connection: a statement prepared
    /// on one is missing on the next (26000), and PgBouncer resets the server connections itself.
    /// </summary>
    private static void TransactionPooling(NpgsqlConnectionStringBuilder connectionString)
    {
        if (connectionString.MaxAutoPrepare > 0)
        {
            throw new AksaraConfigurationException(
                $"Max Auto Prepare={connectionString.MaxAutoPrepare} in the database URL does not work through PgBouncer in transaction mode (AKSARA_PGBOUNCER=transaction): " +
                "a statement prepared on one server connection is missing on the next. Remove it from the URL.");
        }
        connectionString.NoResetOnClose = true;
    }

    private static NpgsqlDataSource Build(NpgsqlDataSourceBuilder builder, string? targetSessionAttributes, int hosts)
    {
        // Npgsql honours target_session_attrs only on a multi-host data source, even for a single host.
        var targetSession = targetSessionAttributes switch
        {
            null or "any" => (TargetSessionAttributes?)null,
            "read-write" => TargetSessionAttributes.ReadWrite,
            "read-only" => TargetSessionAttributes.ReadOnly,
            "primary" => TargetSessionAttributes.Primary,
            "standby" => TargetSessionAttributes.Standby,
            "prefer-standby" => TargetSessionAttributes.PreferStandby,
            var other => throw new AksaraConfigurationException($"Unknown target_session_attrs '{other}'."),
        };
        if (hosts == 1 && targetSession is null)
            return builder.Build();
        var multiHost = builder.BuildMultiHost();
        return targetSession is { } session ? multiHost.WithTargetSession(session) : multiHost;
    }
}
