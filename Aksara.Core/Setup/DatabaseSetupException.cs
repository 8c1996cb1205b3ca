namespace Aksara.Setup;

/// <summary>dbsetup could not finish. The message says what to do next and never contains a password.</summary>
public sealed class DatabaseSetupException : AksaraException
{
    public DatabaseSetupException(DatabaseSetupFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public DatabaseSetupFailure Failure { get; }
}
