using Aksara.Configuration;
using Aksara.Data;
using Aksara.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aksara;

/// <summary>
/// Where reads may go: the read replicas of a <see cref="Database"/> (<see cref="AksaraOptions.Replicas"/>, or the
/// standbys of a multi-host URL), with the same raw, typed and session API. Every connection is read-only: a CRUD or
/// typed-query write is refused before it reaches a server, raw SQL that writes is refused by the server
/// (<see cref="ReadOnlyDatabaseException"/> either way). A replica that does not answer or lags more than
/// <see cref="AksaraOptions.ReplicaMaxLagSeconds"/> is skipped; with none left, reads go to the primary, read-only.
/// A request that just wrote and must read its own write reads from the <see cref="Database"/> itself.
/// </summary>
public sealed class DatabaseReplica : DatabaseSession, IAsyncDisposable
{
    private readonly ReplicaNode[] _nodes;
    private readonly Database _fallback;
    private readonly double _maxLagMs;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _monitor;
    private int _next;
    private int _fallingBack;
    private int _disposed;

    internal DatabaseReplica(AksaraOptions primary)
    {
        _fallback = new Database(ReadOnly(primary, primary.DatabaseUrl!, targetSession: null));
        _nodes = StandbysOfPrimary(primary)
            ? [new ReplicaNode(new Database(ReadOnly(primary, primary.DatabaseUrl!, targetSession: "prefer-standby")))]
            : primary.Replicas.Select(url => new ReplicaNode(new Database(ReadOnly(primary, url, targetSession: null)))).ToArray();
        _maxLagMs = primary.ReplicaMaxLagSeconds * 1000;
        _logger = primary.LoggerFactory?.CreateLogger<DatabaseReplica>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseReplica>.Instance;
        _monitor = _nodes.Length == 0 ? Task.CompletedTask : MonitorAsync(TimeSpan.FromSeconds(primary.ReplicaCheckIntervalSeconds), _stopping.Token);
    }

    /// <summary>Reads have somewhere to go but the primary: replica URLs, or a multi-host URL whose standbys serve them.</summary>
    internal static bool IsConfigured(AksaraOptions options) => options.Replicas.Count > 0 || StandbysOfPrimary(options);

    private static bool StandbysOfPrimary(AksaraOptions options) =>
        options.Replicas.Count == 0 && options.DatabaseUrl is { } url && DatabaseUrl.Parse(url).Hosts.Count > 1;

    /// <summary>The replicas as last checked: masked URL, connected, standby or not, lag. Empty when reads go to the primary.</summary>
    public IReadOnlyList<ReplicaStatus> Status =>
        _nodes.Select(node => new ReplicaStatus(node.Database.MaskedUrl, node.State.Connected, node.State.InRecovery,
            double.IsFinite(node.State.LagMs) ? (long)node.State.LagMs : null, node.IsUsable(_maxLagMs))).ToList();

    internal override Database Owner => _fallback;

    private protected override bool IsReadOnly => true;

    /// <summary>Checks every replica now (the host does every <see cref="AksaraOptions.ReplicaCheckIntervalSeconds"/>), for <c>/health</c>.</summary>
    public async Task<IReadOnlyList<ReplicaStatus>> CheckAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(_nodes.Select(node => node.CheckAsync(cancellationToken))).ConfigureAwait(false);
        Report();
        return Status;
    }

    /// <summary>Holds one replica connection for several reads (read-only, like every replica connection).</summary>
    public async Task<AksaraSession> OpenSessionAsync(CancellationToken cancellationToken = default) =>
        await Pick().OpenSessionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>A read-only transaction on one replica: several reads that see one snapshot.</summary>
    public override async Task<AksaraTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) =>
        await Pick().BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    internal override async ValueTask<ConnectionLease> AcquireAsync(CancellationToken cancellationToken)
    {
        // A replica that fails to connect is passed over for this call and the next ones, until a check finds it back.
        for (var attempt = 0; attempt <= _nodes.Length; attempt++)
        {
            var database = Pick();
            try
            {
                return await database.AcquireAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (database != _fallback && ex is Npgsql.NpgsqlException or TimeoutException)
            {
                var node = _nodes.First(node => node.Database == database);
                node.MarkUnreachable(ex);
                _logger.LogWarning("Read replica {Replica} did not connect ({Error}); reading elsewhere until it answers again", database.MaskedUrl, ex.GetType().Name);
            }
        }
        return await _fallback.AcquireAsync(cancellationToken).ConfigureAwait(false);
    }

    private Database Pick()
    {
        var start = Interlocked.Increment(ref _next);
        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[(int)((uint)(start + i) % (uint)_nodes.Length)];
            if (node.IsUsable(_maxLagMs))
            {
                if (Interlocked.Exchange(ref _fallingBack, 0) == 1)
                    _logger.LogInformation("Reading from the read replicas again");
                return node.Database;
            }
        }
        if (_nodes.Length > 0 && Interlocked.Exchange(ref _fallingBack, 1) == 0)
            _logger.LogWarning("No read replica is connected within {MaxLag} s of the primary; reading from the primary (read-only) until one is", _maxLagMs / 1000);
        return _fallback;
    }

    private async Task MonitorAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await Task.WhenAll(_nodes.Select(node => node.CheckAsync(stopping))).ConfigureAwait(false);
                Report();
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private void Report()
    {
        foreach (var node in _nodes)
        {
            if (!node.IsUsable(_maxLagMs))
                _logger.LogDebug("Read replica {Replica}: connected {Connected}, lag {Lag} ms", node.Database.MaskedUrl, node.State.Connected, node.State.LagMs);
        }
    }

    private static AksaraOptions ReadOnly(AksaraOptions primary, string url, string? targetSession)
    {
        var options = primary.Clone();
        options.DatabaseUrl = url;
        options.Replicas = [];
        options.PoolMinSize = 0;
        options.ReadOnly = true;
        options.TargetSessionAttributes = targetSession;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _monitor.ConfigureAwait(false);
        _stopping.Dispose();
        foreach (var node in _nodes)
            await node.Database.DisposeAsync().ConfigureAwait(false);
        await _fallback.DisposeAsync().ConfigureAwait(false);
    }
}
