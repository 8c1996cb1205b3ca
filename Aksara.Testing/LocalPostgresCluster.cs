using System.Net;
using System.Security.Cryptography;
using Aksara.LocalDevelopment;

namespace Aksara.Testing;

/// <summary>
/// Provisions a throwaway PostgreSQL cluster with the server binaries installed on this machine (initdb, pg_ctl),
/// listening on loopback only and trusting local connections. It lives in a new temporary directory that disposing
/// the server deletes, and runs without durability (<c>fsync=off</c>): its data is gone at the end of the run anyway.
/// </summary>
/// <remarks>
/// The cluster itself is Aksara.Core's <see cref="PostgresCluster"/>, the one the local development database runs on.
/// When the current process is root, the binaries run as the <c>postgres</c> OS user, because PostgreSQL refuses to
/// run as root.
/// </remarks>
public sealed class LocalPostgresCluster : IPostgresProvisioner
{
    /// <summary>Durability is pointless for data deleted at the end of the run, and fsync dominates test time.</summary>
    internal static PostgresClusterOptions ThrowawayOptions => s_throwaway;

    /// <summary>The bin folder of the PostgreSQL to test against (one major version among several); unset, the binaries are searched for.</summary>
    internal const string BinDirectoryVariable = "AKSARA_TEST_PG_BIN";

    /// <summary>Where the throwaway clusters' binaries are looked for; a standby uses the same.</summary>
    internal static PostgresBinarySearch BinarySearch { get; } = SearchFrom(Environment.GetEnvironmentVariable(BinDirectoryVariable));

    internal static PostgresBinarySearch SearchFrom(string? binDirectory)
        => string.IsNullOrWhiteSpace(binDirectory)
            ? PostgresBinarySearch.Default
            : PostgresBinarySearch.Default with { BinDirectory = binDirectory.Trim(), BinDirectorySource = BinDirectoryVariable };

    static readonly PostgresClusterOptions s_throwaway = new()
    {
        InitDbArguments = ["--no-sync"],
        ServerSettings =
        [
            new("fsync", "off"),
            new("synchronous_commit", "off"),
            new("full_page_writes", "off"),
        ],
    };

    readonly int _port;
    readonly PostgresClusterOptions _options;
    readonly string? _parent;

    /// <summary>A throwaway cluster on a free loopback port.</summary>
    /// <remarks>The binaries are those in the folder named by <c>AKSARA_TEST_PG_BIN</c> when it is set, else the ones found on this machine.</remarks>
    public LocalPostgresCluster() : this(0, BinarySearch) { }

    /// <param name="port">0 picks a free port.</param>
    /// <param name="parent">Where the cluster makes its folder (default: the temp folder); tests pass one of their own.</param>
    internal LocalPostgresCluster(int port, PostgresBinarySearch search, string? parent = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        _port = port;
        _options = s_throwaway with { BinarySearch = search };
        _parent = parent;
    }

    public async Task<ProvisionedServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var root = NewRootPath(_parent);
        // Finds the binaries before creating anything, so that a machine without them is left as it was.
        var cluster = await PostgresCluster.LocateAsync(Path.Combine(root, "data"), Path.Combine(root, "postgres.log"), _options, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await PostgresCluster.CreateOwnedDirectoryAsync(root, cancellationToken).ConfigureAwait(false);
            await cluster.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var port = await cluster.StartAsync(_port, cancellationToken).ConfigureAwait(false);
            return new LocalClusterServer(cluster, port, root);
        }
        catch
        {
            LocalClusterServer.DeleteDirectory(root);
            throw;
        }
    }

    // When root, the postgres user must be able to reach the directory: /tmp is
    // world-traversable, while TMPDIR may point into root's home.
    static string NewRootPath(string? parent)
        => Path.Combine(parent ?? (ProcessRunner.IsRoot ? "/tmp" : Path.GetTempPath()),
            "aksara-pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
}
