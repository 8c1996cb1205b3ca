namespace Aksara;

/// <summary>Why Aksara could not get a working connection.</summary>
public enum ConnectionFailure
{
    Other,
    Refused,
    HostNotFound,
    Timeout,
    AuthenticationFailed,
    DatabaseMissing,
    SslRequired,
    TooManyConnections,
    PoolExhausted,

    /// <summary>
    /// An open connection was cut: the server shut down, restarted, crashed or failed over (57P01, 57P02, 08xxx, the
    /// socket closed), or no host of a multi-host URL is of the kind asked for yet. A write in flight may or may not
    /// have committed.
    /// </summary>
    ConnectionLost,
}
