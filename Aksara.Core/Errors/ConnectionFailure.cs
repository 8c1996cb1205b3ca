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
}
