using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary><c>text[]</c> as <c>string[]</c> or <c>List&lt;string&gt;</c>, every element by <see cref="NulFreeText"/>.</summary>
internal sealed class TextArrayConverter<TCollection>(NpgsqlDbType? dbType, string description) : ValueConverter<TCollection, TCollection>(dbType, description)
    where TCollection : IEnumerable<string?>
{
    private protected override TCollection ToDb(TCollection value) => NulFreeText.EnsureAll(value, Description);

    private protected override TCollection ReadValue(object value) => CollectionOf<TCollection, string?>.From(UntypedReads.ToArray<string?>(value));
}
