using Aksara.Configuration;
using Aksara.Data;
using Aksara.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aksara;

/// <summary>
/// One PostgreSQL database: a single pooled <see cref="NpgsqlDataSource"/> for the life of the process, and the
/// query, transaction and CRUD API on top of it. Create one per database (the default one, a replica, a tenant) and share it.
/// </summary>
public sealed class Database : DatabaseSession, IAsyncDisposable
{
    private static readonly Lock s_defaultLock = new();
    private static Database? s_default;

    private readonly AsyncLocal<AksaraTransaction?> _ambientTransaction = new();
    private readonly ILogger _logger;
    private bool _disposed; // guarded by s_defaultLock

    /// <summary>Connects to <paramref name="databaseUrl"/> (a libpq URI or an Npgsql keyword string) with the given pool bounds.</summary>
    /// <param name="poolMinSize">Unset: <see cref="AksaraOptions.DefaultPoolMinSize"/>, or <paramref name="poolMaxSize"/> when that is smaller.</param>
    public Database(string databaseUrl, int? poolMinSize = null, int poolMaxSize = AksaraOptions.DefaultPoolMaxSize)
        : this(PoolOptions(databaseUrl, poolMinSize, poolMaxSize))
    {
    }

    private static AksaraOptions PoolOptions(string databaseUrl, int? poolMinSize, int poolMaxSize)
    {
        var options = new AksaraOptions { DatabaseUrl = databaseUrl, PoolMaxSize = poolMaxSize };
        if (poolMinSize is { } minimum)
            options.PoolMinSize = minimum;
        return options;
    }

    public Database(AksaraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
        (DataSource, Target) = DataSourceFactory.Create(Options);
        _logger = Options.LoggerFactory?.CreateLogger<Database>() ?? NullLogger<Database>.Instance;
        Outages = new OutageLog(_logger, Target.MaskedUrl);
        if (Options.PoolMinSizeFollowsMax)
            _logger.LogInformation("PoolMinSize follows PoolMaxSize: {PoolMinSize} (the default {DefaultPoolMinSize} is above the maximum; set AKSARA_POOL_MIN_SIZE to choose another).",
                Options.PoolMinSize, AksaraOptions.DefaultPoolMinSize);
    }

    /// <summary>
    /// The application's default database: the one the host registered (<see cref="AksaraApp"/>,
    /// <c>services.AddAksara(...)</c>) or the code passed to <see cref="SetDefault"/>. It only reads the default: without
    /// one it throws an <see cref="AksaraConfigurationException"/> saying how to set it, and never builds one behind the
    /// caller's back. Constructing a <see cref="Database"/> never makes it the default either.
    /// </summary>
    public static Database GetInstance()
    {
        lock (s_defaultLock)
        {
            return s_default ?? throw new AksaraConfigurationException(NoDefault);
        }
    }

    /// <summary>
    /// Makes <paramref name="database"/> the application's default, the one <see cref="GetInstance"/> returns, in place
    /// of any earlier default. Setting the same database again changes nothing; disposing the default unsets it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The database was disposed.</exception>
    public static void SetDefault(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        lock (s_defaultLock)
        {
            // Checked under the lock that DisposeAsync also takes, so a disposed database can never become the default.
            ObjectDisposedException.ThrowIf(database._disposed, database);
            s_default = database;
        }
    }

    private const string NoDefault =
        "No default database is set: run the app with AksaraApp or services.AddAksara(...), which set it, "
        + "or create one and call Database.SetDefault(db), e.g. Database.SetDefault(new Database(url)).";

    internal override Database Owner => this;

    /// <summary>A database built from resolved settings, or a configuration error saying where the URL was looked for.</summary>
    internal static Database FromSettings(ResolvedSettings settings)
    {
        settings.RequireDatabaseUrl();
        return new Database(settings.Options);
    }

    private DatabaseReplica? _replica;

    /// <summary>
    /// Where reads may go: the read replicas (<see cref="AksaraOptions.Replicas"/>, or the standbys of a multi-host URL),
    /// skipping those that lag or do not answer, else the primary — read-only either way. Made on first use.
    /// </summary>
    public DatabaseReplica Replica
    {
        get
        {
            if (_replica is { } replica)
                return replica;
            var created = new DatabaseReplica(Options);
            if (Interlocked.CompareExchange(ref _replica, created, null) is { } other)
            {
                _ = created.DisposeAsync().AsTask();
                return other;
            }
            return created;
        }
    }

    /// <summary>Logs connection failures once and then in summaries, and when the server answers again.</summary>
    internal OutageLog Outages { get; }

    /// <summary>Reads through <see cref="Replica"/> may go elsewhere than the primary.</summary>
    internal bool HasReplicas => DatabaseReplica.IsConfigured(Options);

    /// <summary>The underlying Npgsql data source, for what Aksara does not wrap (COPY, replication, notifications).</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The options this database was built with.</summary>
    public AksaraOptions Options { get; }

    /// <summary>The connection URL with the password replaced by <c>***</c>, safe to log.</summary>
    public string MaskedUrl => Target.MaskedUrl;

    internal ConnectionTarget Target { get; }

    /// <summary>The transaction that <see cref="DatabaseSession.TransactionAsync{T}"/> is running in the current async flow.</summary>
    internal AksaraTransaction? AmbientTransaction
    {
        get => _ambientTransaction.Value is { IsActive: true } active ? active : null;
        set => _ambientTransaction.Value = value;
    }

    /// <summary>
    /// Opens <see cref="AksaraOptions.PoolMinSize"/> connections now (at least one), so that a wrong URL, a stopped
    /// server or bad credentials fail here with a clear <see cref="AksaraConnectionException"/> instead of at the first query.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var opening = Enumerable.Range(0, Math.Max(1, Options.PoolMinSize))
            .Select(_ => DataSource.OpenConnectionAsync(cancellationToken).AsTask())
            .ToList();
        try
        {
            await Task.WhenAll(opening).ConfigureAwait(false);
            _logger.LogInformation("Connected to {DatabaseUrl} with {Connections} pooled connections", MaskedUrl, opening.Count);
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            // Not logged here: the caller decides what the failure means (the host logs it once, as Critical, or
            // starts without the database), and a line here would repeat the hint.
            throw translated;
        }
        finally
        {
            // Every open that succeeded goes back to the pool, even when another failed: none may hold a server slot.
            foreach (var open in opening.Where(open => open.IsCompletedSuccessfully))
                await open.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Opens a pooled connection for direct Npgsql use; connection failures surface as <see cref="AksaraConnectionException"/>.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Holds one pooled connection until the session is disposed, for work that runs several statements: the pool
    /// hands it out and resets it once, not once per call. <c>await using var session = await db.OpenSessionAsync();</c>
    /// </summary>
    public async Task<AksaraSession> OpenSessionAsync(CancellationToken cancellationToken = default) =>
        new(this, await OpenConnectionAsync(cancellationToken).ConfigureAwait(false));

    public override async Task<AksaraTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        if (AmbientTransaction is { } ambient)
            return await ambient.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new AksaraTransaction(this, connection, transaction, ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal override async ValueTask<ConnectionLease> AcquireAsync(CancellationToken cancellationToken)
    {
        if (AmbientTransaction is { } ambient)
            return await ambient.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionLease(connection, transaction: null, ownsConnection: true);
    }

    /// <summary>Closes every pooled connection. A default database stops being the default.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (s_defaultLock)
        {
            _disposed = true;
            if (s_default == this)
                s_default = null;
        }
        if (_replica is { } replica)
            await replica.DisposeAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => $"Database({MaskedUrl})";
}
