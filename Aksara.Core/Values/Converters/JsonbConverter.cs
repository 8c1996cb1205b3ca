using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary>jsonb through System.Text.Json with <see cref="AksaraJson.Options"/>, by <see cref="JsonbText"/>; sent as text typed <c>jsonb</c>.</summary>
internal sealed class JsonbConverter<T>(NpgsqlDbType? dbType, string description) : ValueConverter<T, string>(dbType, description)
{
    private protected override string ToDb(T value) => JsonbText.Serialize(value, Description);

    private protected override T ReadValue(object value) => JsonbText.Deserialize<T>(value)!;
}
