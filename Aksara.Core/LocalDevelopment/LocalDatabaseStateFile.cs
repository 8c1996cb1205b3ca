using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aksara.LocalDevelopment;

/// <summary>
/// <c>.aksara/postgres.json</c>: the port of the local cluster, kept so that it comes back where <c>DATABASE_URL</c>
/// points after a reboot or <c>aksara db stop</c>.
/// </summary>
internal sealed record LocalDatabaseStateFile([property: JsonPropertyName("port")] int Port)
{
    internal static LocalDatabaseStateFile? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<LocalDatabaseStateFile>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            // A hand-edited or truncated file only costs the remembered port.
            return null;
        }
    }

    internal void Write(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }) + "\n");
}
