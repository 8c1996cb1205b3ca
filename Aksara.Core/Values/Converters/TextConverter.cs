using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary><c>string</c> as text (or varchar, or a <c>[Jsonb]</c> string's JSON text), by <see cref="NulFreeText"/>.</summary>
internal sealed class TextConverter(NpgsqlDbType? dbType, string description) : ValueConverter<string, string>(dbType, description)
{
    private protected override string ToDb(string value) => NulFreeText.Ensure(value, Description);

    private protected override string ReadValue(object value) => UntypedReads.To<string>(value);
}
