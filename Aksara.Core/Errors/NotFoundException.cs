namespace Aksara;

/// <summary>
/// The thing a request asked for does not exist. Hosted apps answer it with a 404 problem response whose
/// <c>detail</c> is this message, so write it for the client (no SQL, no internal identifiers you would not show).
/// </summary>
public sealed class NotFoundException : AksaraException
{
    public const string DefaultMessage = "The requested resource was not found.";

    public NotFoundException() : base(DefaultMessage) { }

    public NotFoundException(string message) : base(message) { }

    public NotFoundException(string message, Exception? innerException) : base(message, innerException) { }
}
