namespace Aksara;

/// <summary>
/// A statement ran out of time: Aksara's command timeout (<see cref="AksaraOptions.CommandTimeoutSeconds"/>,
/// client-side) or the server's <c>statement_timeout</c>. The connection was fine; the statement was slow or waited on
/// a lock. The message names the timeout, its value and the setting that changes it.
/// </summary>
public sealed class StatementTimeoutException : AksaraException
{
    internal StatementTimeoutException(string setting, string message, Exception innerException) : base(message, innerException)
    {
        Setting = setting;
    }

    /// <summary>Which timeout: <c>CommandTimeoutSeconds</c> or <c>statement_timeout</c>.</summary>
    public string Setting { get; }
}
