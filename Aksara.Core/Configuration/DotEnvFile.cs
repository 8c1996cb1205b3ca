using dotenv.net;

namespace Aksara.Configuration;

/// <summary>Reads a <c>.env</c> file without touching the process environment.</summary>
internal static class DotEnvFile
{
    internal const string FileName = ".env";

    internal static IDictionary<string, string?> Read(string path)
    {
        if (!File.Exists(path))
            return new Dictionary<string, string?>();
        try
        {
            // Variable expansion stays off: a '$' in a password must reach the server as written.
            var values = DotEnv.Fluent()
                .WithExceptions()
                .WithEnvFiles(path)
                .WithSupportExportSyntax()
                .WithoutVariableExpansion()
                .WithoutTrimValues()
                .Read();
            return values.ToDictionary(pair => pair.Key, pair => (string?)pair.Value, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is not AksaraException)
        {
            // The parser's own message may quote a line holding a password, so it is neither shown nor chained.
            throw new AksaraConfigurationException(
                $"Could not read '{path}' ({ex.GetType().Name}). Check that each line is KEY=VALUE, with quotes closed.");
        }
    }
}
