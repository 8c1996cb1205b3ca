using System.Globalization;
using Aksara.Models;

namespace Aksara.Values;

/// <summary>
/// Values as Npgsql's untyped <c>GetValue</c> returns them (<c>date</c> as DateTime, <c>time</c> as TimeSpan, a
/// timestamptz as a UTC DateTime) converted to the type a property or result asks for; NULL is the converters' concern.
/// </summary>
internal static class UntypedReads
{
    /// <summary>The array <paramref name="value"/> (not NULL) holds.</summary>
    internal static T[] ToArray<T>(object value) => value switch
    {
        T[] array => array,
        // A [Jsonb] List<T> or T[] property: jsonb reads as its text.
        string json => JsonbText.Deserialize<T[]>(json) ?? [],
        Array array => ConvertAll<T>(array),
        _ => throw new InvalidCastException($"Cannot read a {value.GetType().Name} as {TypeNames.Display(typeof(T[]))}; the column is not an array."),
    };

    internal static T To<T>(object value)
    {
        if (value is T typed)
            return typed;
        object converted = value switch
        {
            DateTime dateTime when typeof(T) == typeof(DateTimeOffset) => UtcInstants.FromRead(dateTime),
            DateTime dateTime when typeof(T) == typeof(DateOnly) => DateOnly.FromDateTime(dateTime),
            TimeSpan time when typeof(T) == typeof(TimeOnly) => TimeOnly.FromTimeSpan(time),
            _ => Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture),
        };
        return (T)converted;
    }

    private static T[] ConvertAll<T>(Array array)
    {
        var result = new T[array.Length];
        var i = 0;
        foreach (var item in array)
            result[i++] = item is null ? default! : To<T>(item);
        return result;
    }
}
