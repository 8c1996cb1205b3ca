using Npgsql;

namespace Aksara;

/// <summary>A migration script failed. The message names the script, the line PostgreSQL points at, and PostgreSQL's error.</summary>
public sealed class MigrationScriptException : AksaraException
{
    internal MigrationScriptException(string scriptName, int? line, string message, PostgresException? innerException)
        : base(message, innerException)
    {
        ScriptName = scriptName;
        Line = line;
        SqlState = innerException?.SqlState;
    }

    public string ScriptName { get; }

    /// <summary>The 1-based line of the script the error points at, when PostgreSQL said where.</summary>
    public int? Line { get; }

    public string? SqlState { get; }
}
