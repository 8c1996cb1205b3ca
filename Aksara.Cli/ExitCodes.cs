using System.CommandLine;
using Aksara.Cli.Output;
using Aksara.Cli.Setup;
using Aksara.Migrations.Loading;

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
        error.WriteError(exception.Message);
        return Of(exception);
    }

    /// <summary>
    /// As <see cref="Report(AksaraException, TextWriter)"/>; with <paramref name="json"/>, stdout also gets the failure
    /// document (<c>{"successful": false, "error": {code, message}}</c>), so that it holds one document whatever happened.
    /// </summary>
    public static int Report(AksaraException exception, InvocationConfiguration console, bool json)
    {
        if (json)
            CliJson.Write(console.Output, CliJson.Failure(CliProblem.From(exception)));
        return Report(exception, console.Error);
    }

    /// <summary>The exit code of a command that stopped with <paramref name="exception"/>.</summary>
    public static int Of(AksaraException exception) => exception switch
    {
        AksaraConfigurationException => ConfigurationError,
        AksaraConnectionException => DatabaseUnreachable,
        AppLoadException { IsUsageError: true } => UsageError,
        DatabaseSetupException { Failure: DatabaseSetupFailure.InvalidInput } => UsageError,
        DatabaseSetupException { Failure: DatabaseSetupFailure.Unreachable or DatabaseSetupFailure.AuthenticationFailed } => DatabaseUnreachable,
        _ => Failure,
    };

    /// <summary>
    /// The exit codes section of a command's <c>--help</c>: what 0 means for it, and 2 always; 1, 3 and 4 when it can end
    /// that way.
    /// </summary>
    public static IReadOnlyList<(int Code, string Meaning)> Help(string success, string? failure = null, string? configuration = null, string? unreachable = null)
    {
        var codes = new List<(int, string)> { (Success, success) };
        if (failure is not null)
            codes.Add((Failure, failure));
        codes.Add((UsageError, "usage error: a bad flag or value, flags that do not go together, or a folder that does not exist"));
        if (configuration is not null)
            codes.Add((ConfigurationError, configuration));
        if (unreachable is not null)
            codes.Add((DatabaseUnreachable, unreachable));
        return codes;
    }
}
