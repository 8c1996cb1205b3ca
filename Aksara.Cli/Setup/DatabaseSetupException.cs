namespace Aksara.Cli.Setup;

/// <summary>dbsetup could not finish. The message says what to do next and never contains a password.</summary>
internal sealed class DatabaseSetupException : AksaraException
{
    public DatabaseSetupException(DatabaseSetupFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public DatabaseSetupFailure Failure { get; }

    /// <summary>Refuses a name that is not <see cref="DatabaseNames.IsValid">valid</see>, naming the rule.</summary>
    /// <exception cref="DatabaseSetupException">With <see cref="DatabaseSetupFailure.InvalidInput"/>.</exception>
    public static void ThrowIfInvalidName(string? name, string what = "database name")
    {
        if (!DatabaseNames.IsValid(name))
            throw new DatabaseSetupException(DatabaseSetupFailure.InvalidInput, DatabaseNames.Describe(name, what));
    }
}
