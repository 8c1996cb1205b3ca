namespace Aksara;

/// <summary>Another migration run held the migration lock for longer than the configured wait.</summary>
public sealed class MigrationLockTimeoutException(string message) : AksaraException(message);
