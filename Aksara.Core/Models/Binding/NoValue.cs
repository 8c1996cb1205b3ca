namespace Aksara.Models.Binding;

/// <summary>The "no value" state of a property: null, or the CLR default (Guid.Empty, 0001-01-01, 0 for an identity).</summary>
internal static class NoValue
{
    public static bool Is<TValue>(TValue value) => value is null || EqualityComparer<TValue>.Default.Equals(value, default!);
}
