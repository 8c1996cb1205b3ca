namespace Aksara.Cli.Setup;

/// <summary>Why <c>aksara dbsetup</c> stopped; each class has its own message and exit code.</summary>
internal enum DatabaseSetupFailure
{
    /// <summary>A value given (or missing) cannot be used: a bad database name, no terminal to ask on.</summary>
    InvalidInput,

    /// <summary>Nothing answered at the host and port, or the host name does not resolve.</summary>
    Unreachable,

    /// <summary>The server answered but refused the user or password.</summary>
    AuthenticationFailed,

    /// <summary>The user may connect but not create the database or role (no CREATEDB / CREATEROLE).</summary>
    PermissionDenied,

    /// <summary>Anything else the server refused.</summary>
    Failed,
}
