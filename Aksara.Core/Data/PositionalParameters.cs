using Npgsql;

namespace Aksara.Data;

/// <summary>
/// Sends arguments as PostgreSQL's own positional parameters (<c>$1, $2, …</c>): unnamed Npgsql parameters,
/// so the SQL text reaches the server as written, with no rewriting.
/// </summary>
internal static class PositionalParameters
{
    internal static void AddTo(NpgsqlCommand command, object?[]? args)
    {
        if (args is null)
            return;
        // C# binds a lone string[] (or any reference-type array) to `params object?[]` itself; it is one array argument.
        if (args.GetType() != typeof(object[]))
        {
            command.Parameters.Add(ParameterValues.Create(args));
            return;
        }
        var parameters = command.Parameters;
        foreach (var arg in args)
            parameters.Add(ParameterValues.Create(arg));
    }
}
