using System.Collections;
using Aksara.Models;
using Aksara.Values;
using Aksara.Values.Converters;

namespace Aksara.Querying;

/// <summary>
/// What a captured value of a predicate goes through before it is sent, chosen by the translator from where the
/// value appears (compared with a column, a LIKE pattern, a list for <c>= ANY</c>, …). Besides the converted value it
/// yields a <em>fact</em>: the one thing about the value the SQL text depends on. A cached translation is reused only
/// for values with the same facts; <c>x.Name == name</c> is <c>IS NULL</c> for a null <c>name</c>, <c>= $1</c> otherwise.
/// </summary>
/// <remarks>Conversions throw the value rules' own exceptions; the translator adds where in the predicate they happened.</remarks>
internal abstract class SlotConversion
{
    /// <summary>The value is there; the SQL does not depend on it.</summary>
    internal const int Present = 0;

    /// <summary>The value is null: <c>IS NULL</c> instead of a parameter, or an error.</summary>
    internal const int Null = 1;

    /// <summary>A list for <c>= ANY</c> of a nullable column holds null: <c>OR "column" IS NULL</c> is added.</summary>
    internal const int HoldsNull = 2;

    /// <summary>The value sent as it is, e.g. a condition that does not depend on the row.</summary>
    internal static readonly SlotConversion AsIs = new AsIsConversion();

    internal static int FactOf(object? value) => value is null ? Null : Present;

    internal abstract object? Convert(object? value, out int fact);

    /// <summary>A value compared with a column: converted by the column's binder (an enum to its name, a timestamp to UTC, …).</summary>
    internal static SlotConversion ColumnValue(ValueConverter binder) => new ColumnValueConversion(binder);

    /// <summary>The list of <c>values.Contains(x.Column)</c>, gathered in a typed array with its nulls dropped.</summary>
    internal static SlotConversion ValueList(ColumnMetadata column) => new ValueListConversion(column);

    /// <summary>The text of <c>StartsWith</c>, <c>EndsWith</c> or <c>Contains</c>, escaped and given its wildcards.</summary>
    internal static SlotConversion LikePattern(string method, string columnDescription) => new LikePatternConversion(method, columnDescription);

    /// <summary>The <see cref="StringComparison"/> of a LIKE: it chooses between LIKE, ILIKE and an error.</summary>
    internal static SlotConversion Comparison { get; } = new ComparisonConversion();

    /// <summary>The fact of a <see cref="StringComparison"/> read with <see cref="Comparison"/>.</summary>
    internal static int FactOf(StringComparison comparison) => HoldsNull + 1 + (int)comparison;

    private sealed class AsIsConversion : SlotConversion
    {
        internal override object? Convert(object? value, out int fact)
        {
            fact = FactOf(value);
            return value;
        }
    }

    private sealed class ColumnValueConversion(ValueConverter binder) : SlotConversion
    {
        internal override object? Convert(object? value, out int fact)
        {
            fact = FactOf(value);
            return value is null ? null : binder.ToDbValue(value);
        }
    }

    private sealed class ValueListConversion(ColumnMetadata column) : SlotConversion
    {
        internal override object? Convert(object? value, out int fact)
        {
            if (value is not IEnumerable values)
            {
                fact = Null;
                return null;
            }
            var array = column.Converter.ToDbArray(values, out var hadNull);
            fact = hadNull && column.IsNullable ? HoldsNull : Present;
            return array;
        }
    }

    private sealed class LikePatternConversion(string method, string columnDescription) : SlotConversion
    {
        internal override object? Convert(object? value, out int fact)
        {
            var text = value switch
            {
                string s => s,
                char c => c.ToString(),
                null => null,
                var other => other.ToString()!,
            };
            if (text is null)
            {
                fact = Null;
                return null;
            }
            var pattern = method switch
            {
                nameof(string.StartsWith) => LikePatterns.StartsWith(text),
                nameof(string.EndsWith) => LikePatterns.EndsWith(text),
                _ => LikePatterns.Contains(text),
            };
            NulFreeText.Ensure(text, columnDescription);
            fact = Present;
            return pattern;
        }
    }

    private sealed class ComparisonConversion : SlotConversion
    {
        internal override object? Convert(object? value, out int fact)
        {
            fact = value is StringComparison comparison ? FactOf(comparison) : Null;
            return value;
        }
    }
}
