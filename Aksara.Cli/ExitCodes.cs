namespace Aksara.Cli;

/// <summary>The exit codes every <c>aksara</c> command shares (see docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The check found something (pending migrations, drift, model changes) or the command failed.</summary>
    public const int Failure = 1;

    public const int UsageError = 2;

    /// <summary>No <c>DATABASE_URL</c>, or an invalid setting.</summary>
    public const int ConfigurationError = 3;

    /// <summary>The database is unreachable or rejected the credentials.</summary>
    public const int DatabaseUnreachable = 4;

    /// <summary>Prints <paramref name="exception"/> the way a user can act on, and returns its exit code.</summary>
    public static int Report(AksaraException exception, TextWriter error)
    {
        error.WriteLine($"error: {exception.Message}");
        return exception switch
        {
            AksaraConfigurationException => ConfigurationError,
            AksaraConnectionException => DatabaseUnreachable,
            _ => Failure,
        };
    }
}
