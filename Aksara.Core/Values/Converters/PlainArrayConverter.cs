using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary>A PostgreSQL array of values Npgsql writes natively, as <c>T[]</c> or <c>List&lt;T&gt;</c>: one array parameter, never a list of parameters.</summary>
internal sealed class PlainArrayConverter<TCollection, TElement>(NpgsqlDbType? dbType, string description) : ValueConverter<TCollection, TCollection>(dbType, description)
    where TCollection : IEnumerable<TElement>
{
    private protected override TCollection ToDb(TCollection value) => value;

    private protected override TCollection ReadValue(object value) => CollectionOf<TCollection, TElement>.From(UntypedReads.ToArray<TElement>(value));
}
