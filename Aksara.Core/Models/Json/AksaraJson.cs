using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aksara;

/// <summary>
/// The System.Text.Json settings of every jsonb value Aksara reads or writes: <c>[Jsonb]</c> properties, dictionaries,
/// <c>JsonDocument</c>/<c>JsonElement</c>/<c>JsonNode</c> columns, and Npgsql's own JSON handling of each <see cref="Database"/>.
/// </summary>
/// <remarks>
/// Defaults: <see cref="JsonSerializerDefaults.Web"/> (camelCase property names, case-insensitive reading) and enums as
/// their names, matching how Aksara stores enum columns. Configure it at startup, before the first query and before
/// creating a <see cref="Database"/>: System.Text.Json freezes options on first use, and each data source captures the
/// instance when it is built.
/// </remarks>
public static class AksaraJson
{
    private static JsonSerializerOptions s_options = CreateDefaultOptions();

    /// <summary>The options in use. Mutate them, or assign new ones, before the first jsonb value is read or written.</summary>
    public static JsonSerializerOptions Options
    {
        get => s_options;
        set => s_options = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>A fresh copy of Aksara's default options, to start customizing from.</summary>
    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
