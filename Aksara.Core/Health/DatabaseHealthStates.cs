namespace Aksara;

/// <summary>The values of the <c>database</c> field of <c>/health</c>.</summary>
public static class DatabaseHealthStates
{
    public const string Connected = "connected";
    public const string Unreachable = "unreachable";
    public const string Timeout = "timeout";
    public const string AuthFailed = "auth_failed";

    /// <summary>The key of the health-check data holding one of these states.</summary>
    internal const string DataKey = "database";

    /// <summary>The key of the health-check data holding the round trip in milliseconds.</summary>
    internal const string LatencyKey = "latency_ms";

    /// <summary>The key of the health-check data holding the read replicas' <see cref="ReplicaStatus"/>.</summary>
    internal const string ReplicasKey = "replicas";
}
