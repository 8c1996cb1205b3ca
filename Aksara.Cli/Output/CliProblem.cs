using System.Text.Json.Nodes;
using Aksara.Cli.Setup;
using Aksara.Migrations;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Loading;
using Aksara.Migrations.Running;
using Aksara.Migrations.Scripts;

namespace Aksara.Cli.Output;

/// <summary>
/// Something wrong, as <c>--json</c> reports it: <c>{"code": "connection_failed", "message": "…"}</c>. The codes are stable,
/// for scripts to branch on (docs/cli.md lists them); the message is for people and may change.
/// </summary>
internal sealed record CliProblem(string Code, string Message)
{
    public const string ConfigurationError = "configuration_error";
    public const string ConnectionFailed = "connection_failed";
    public const string AuthenticationFailed = "authentication_failed";
    public const string PermissionDenied = "permission_denied";
    public const string InvalidInput = "invalid_input";
    public const string UsageError = "usage_error";
    public const string LockTimeout = "lock_timeout";
    public const string DdlLockTimeout = "ddl_lock_timeout";
    public const string ScriptFailed = "script_failed";
    public const string ModifiedMigrations = "modified_migrations";
    public const string DestructiveChange = MigrationRefusal.DestructiveChange;
    public const string AppLoadFailed = "app_load_failed";
    public const string DuplicateMigrationNumber = "duplicate_migration_number";
    public const string NotRunning = "not_running";
    public const string Failed = "failed";

    public JsonObject ToJson() => new() { ["code"] = Code, ["message"] = Message };

    /// <summary>The problem an exception stands for; an unknown one is <c>failed</c>.</summary>
    public static CliProblem From(Exception exception) => new(CodeOf(exception), exception.Message);

    /// <summary>The problems of a refused <c>makemigrations</c>: one per reason, each with its own code.</summary>
    public static IEnumerable<CliProblem> From(MigrationRefusedException refused) =>
        refused.Refusals.Select(refusal => new CliProblem(refusal.Code, refusal.Message));

    private static string CodeOf(Exception exception) => exception switch
    {
        AksaraConfigurationException => ConfigurationError,
        AksaraConnectionException { Failure: ConnectionFailure.AuthenticationFailed } => AuthenticationFailed,
        AksaraConnectionException => ConnectionFailed,
        MigrationLockTimeoutException => LockTimeout,
        MigrationScriptException { SqlState: LockRetryPolicy.LockNotAvailable } => DdlLockTimeout,
        MigrationScriptException => ScriptFailed,
        ModifiedMigrationsException => ModifiedMigrations,
        MigrationRefusedException { Refusals: [var first, ..] } => first.Code,
        AppLoadException { IsUsageError: true } => InvalidInput,
        AppLoadException => AppLoadFailed,
        DuplicateMigrationNumberException => DuplicateMigrationNumber,
        DatabaseSetupException setup => setup.Failure switch
        {
            DatabaseSetupFailure.InvalidInput => InvalidInput,
            DatabaseSetupFailure.Unreachable => ConnectionFailed,
            DatabaseSetupFailure.AuthenticationFailed => AuthenticationFailed,
            DatabaseSetupFailure.PermissionDenied => PermissionDenied,
            _ => Failed,
        },
        _ => Failed,
    };
}
