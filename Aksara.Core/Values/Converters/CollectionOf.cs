namespace Aksara.Values.Converters;

/// <summary>The <c>T[]</c> or <c>List&lt;T&gt;</c> a property holds, made from the array Npgsql read; decided once per type.</summary>
internal static class CollectionOf<TCollection, TElement>
{
    private static readonly Func<TElement[], TCollection> s_from = typeof(TCollection) == typeof(TElement[])
        ? static array => (TCollection)(object)array
        : static array => (TCollection)(object)new List<TElement>(array);

    internal static TCollection From(TElement[] array) => s_from(array);
}
