namespace Aksara;

/// <summary>
/// The configuration is missing or invalid (no <c>DATABASE_URL</c>, a malformed URL, pool sizes out of range).
/// Messages name the offending part and never contain a password.
/// </summary>
public sealed class AksaraConfigurationException : AksaraException
{
    public AksaraConfigurationException(string message) : base(message) { }

    public AksaraConfigurationException(string message, Exception? innerException) : base(message, innerException) { }
}
