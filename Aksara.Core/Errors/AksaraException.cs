namespace Aksara;

/// <summary>Base type of every exception Aksara raises on purpose.</summary>
public class AksaraException : Exception
{
    public AksaraException(string message) : base(message) { }

    public AksaraException(string message, Exception? innerException) : base(message, innerException) { }
}
