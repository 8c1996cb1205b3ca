namespace Aksara;

/// <summary>
/// No usable connection could be had. The message says what happened and what to try; it never contains the password.
/// </summary>
public sealed class AksaraConnectionException : AksaraException
{
    internal AksaraConnectionException(ConnectionFailure failure, string message, Exception? innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public ConnectionFailure Failure { get; }
}
