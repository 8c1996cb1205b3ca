using System.Linq.Expressions;

namespace Aksara.Querying;

/// <summary>
/// The values one translation of a predicate reads: every part that does not depend on the row (a captured variable,
/// a constant, <c>DateTimeOffset.UtcNow.AddDays(-30)</c>), numbered as the translator reads them. Each goes through a
/// <see cref="SlotConversion"/>, which yields what is sent and the <em>fact</em> about the value that the SQL depends
/// on (null or not, …).
/// </summary>
/// <remarks>
/// Recording, the values are evaluated from the tree and their expressions kept, so that a cached shape can compile
/// one reader for all of them. Replaying, the values and their facts were already read by that reader, and the
/// translator only picks the SQL for those facts.
/// </remarks>
internal sealed class CapturedValues
{
    private readonly List<Expression>? _expressions;
    private readonly List<SlotConversion> _conversions = [];
    private readonly List<object?> _values = [];
    private readonly List<int> _facts = [];
    private readonly object?[]? _replayed;
    private readonly int[]? _replayedFacts;
    private int _read;

    private CapturedValues(object?[]? replayed, int[]? replayedFacts)
    {
        _replayed = replayed;
        _replayedFacts = replayedFacts;
        _expressions = replayed is null ? [] : null;
    }

    internal static CapturedValues Recording() => new(null, null);

    /// <summary>Values already converted, with their facts, in slot order.</summary>
    internal static CapturedValues Replaying(object?[] converted, int[] facts) => new(converted, facts);

    internal int Count => _replayed is null ? _values.Count : _read;

    /// <summary>Recording only: the expression of each slot, for <see cref="PredicateShape"/> to compile.</summary>
    internal IReadOnlyList<Expression> Expressions => _expressions ?? throw new InvalidOperationException("A replay records no expressions.");

    internal SlotConversion[] Conversions => [.. _conversions];

    internal int[] Facts => _replayedFacts ?? [.. _facts];

    /// <summary>The converted value of each slot, as sent.</summary>
    internal object?[] Converted => _replayed ?? [.. _values];

    /// <summary>Reads <paramref name="expression"/> (which must not depend on the row) into a new slot and returns its number.</summary>
    internal int Read(Expression expression)
    {
        if (_replayed is not null)
            return _read++;
        _expressions!.Add(expression);
        _values.Add(ExpressionValues.Evaluate(expression));
        _conversions.Add(SlotConversion.AsIs);
        _facts.Add(SlotConversion.FactOf(_values[^1]));
        return _values.Count - 1;
    }

    /// <summary>Converts slot <paramref name="slot"/> with <paramref name="conversion"/> and returns the fact the SQL may depend on.</summary>
    internal int Use(int slot, SlotConversion conversion)
    {
        if (_replayed is not null)
            return _replayedFacts![slot];
        _values[slot] = conversion.Convert(_values[slot], out var fact);
        _conversions[slot] = conversion;
        _facts[slot] = fact;
        return fact;
    }

    /// <summary>The value slot <paramref name="slot"/> holds now (converted once <see cref="Use"/> has been called).</summary>
    internal object? Value(int slot) => _replayed is null ? _values[slot] : _replayed[slot];
}
