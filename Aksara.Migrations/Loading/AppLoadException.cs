namespace Aksara.Migrations.Loading;

/// <summary>The application could not be found, built or loaded. <see cref="IsUsageError"/> when the path given was wrong.</summary>
internal sealed class AppLoadException(string message, bool isUsageError, Exception? innerException = null) : AksaraException(message, innerException)
{
    public bool IsUsageError { get; } = isUsageError;
}
