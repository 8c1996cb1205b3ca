using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aksara.Migrations.Scripts;

/// <summary>
/// <c>aksara.adopted.json</c> in the migrations folder: what <c>aksara inspectdb</c> found that no model describes,
/// waiting for <c>makemigrations</c> to put it into the baseline. Consumed (deleted) once the baseline is written.
/// </summary>
internal static class AdoptedObjectsFile
{
    public const string FileName = "aksara.adopted.json";

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static IReadOnlyList<AdoptedObject> Read(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<AdoptedObject>>(File.ReadAllText(path), s_options) ?? [];
        }
        catch (JsonException ex)
        {
            throw new AksaraException($"{path} is not what `aksara inspectdb` writes ({ex.Message}). Run `aksara inspectdb --force` again, or delete the file to adopt without it.", ex);
        }
    }

    public static void Write(string directory, IReadOnlyList<AdoptedObject> objects)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(PathIn(directory), JsonSerializer.Serialize(objects, s_options).ReplaceLineEndings("\n") + "\n");
    }

    public static void Delete(string directory) => File.Delete(PathIn(directory));
}
