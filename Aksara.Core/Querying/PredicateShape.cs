using System.Linq.Expressions;
using Aksara.Models;

namespace Aksara.Querying;

/// <summary>
/// A predicate shape of one model, translated: the conversions of its captured values (in the order the translator
/// reads them), a reader compiled to read those values from any tree of the shape, and one translation per
/// combination of facts the values have had (<see cref="SlotConversion"/>).
/// </summary>
/// <remarks>
/// The reader is compiled the second time the shape is seen, so that a shape met once costs what a translation
/// costs and nothing more. After that a call walks its tree to find the shape and its roots, runs the reader, converts
/// the values and picks the translation for their facts: no translation, reflection or compilation per call.
/// </remarks>
internal sealed class PredicateShape
{
    // Facts are a few per value (null or not, which StringComparison), so a shape has few combinations; this only
    // guards against a pathological one. Beyond it, new combinations are translated on every call.
    private const int MaxVariants = 16;

    private readonly SlotConversion[] _conversions;
    private readonly Lock _adding = new();
    private volatile Variant[] _variants;
    private volatile Action<object?[]>? _read;
    private volatile bool _unreadable;

    internal PredicateShape(ModelMetadata metadata, ExpressionShape structure, CapturedValues recorded, PredicateSql sql)
    {
        Metadata = metadata;
        Structure = structure;
        _conversions = recorded.Conversions;
        _variants = [new Variant(recorded.Facts, sql)];
    }

    internal ModelMetadata Metadata { get; }

    internal ExpressionShape Structure { get; }

    /// <summary>The size of the array <see cref="ExpressionShape.TryMatch"/> fills with roots and <see cref="Bind"/> reuses for values.</summary>
    internal int BufferLength => Math.Max(Structure.RootCount, _conversions.Length);

    /// <summary>The SQL and parameters of <paramref name="predicate"/>, a tree of this shape whose roots are in <paramref name="buffer"/>.</summary>
    internal SqlFragment Bind(LambdaExpression predicate, object?[] buffer)
    {
        var read = _read;
        if (read is null)
            return _unreadable ? PredicateTranslator.Translate(Metadata, predicate) : Compile(predicate);

        var count = _conversions.Length;
        Span<int> facts = count <= 32 ? stackalloc int[count] : new int[count];
        try
        {
            read(buffer);
            for (var i = 0; i < count; i++)
                buffer[i] = _conversions[i].Convert(buffer[i], out facts[i]);
        }
        catch (Exception)
        {
            // A value that cannot be read or sent: the translator reports it as it always does, naming the expression of this tree.
            return PredicateTranslator.Translate(Metadata, predicate);
        }
        var sql = Find(facts) ?? Replay(predicate, buffer, facts.ToArray());
        return sql.Bind(buffer);
    }

    private PredicateSql? Find(ReadOnlySpan<int> facts)
    {
        foreach (var variant in _variants)
        {
            if (facts.SequenceEqual(variant.Facts))
                return variant.Sql;
        }
        return null;
    }

    /// <summary>Values with facts not seen before: the translator picks the SQL for them, without reading the values again.</summary>
    private PredicateSql Replay(LambdaExpression predicate, object?[] converted, int[] facts)
    {
        var values = CapturedValues.Replaying(converted, facts);
        var sql = PredicateTranslator.Translate(Metadata, predicate, values).Shared();
        if (values.Count == facts.Length)
            Add(new Variant(facts, sql));
        return sql;
    }

    /// <summary>The second sighting: translated once more, recording, which gives the expressions the reader is compiled from.</summary>
    private SqlFragment Compile(LambdaExpression predicate)
    {
        var values = CapturedValues.Recording();
        var sql = PredicateTranslator.Translate(Metadata, predicate, values);
        if (values.Count != _conversions.Length)
            return sql.Bind(values.Converted);

        // The translation already cached for these facts, if any: queries of one shape and facts share one template.
        var facts = values.Facts;
        if (Find(facts) is { } cached)
        {
            sql = cached;
        }
        else
        {
            sql = sql.Shared();
            Add(new Variant(facts, sql));
        }
        try
        {
            _ = ExpressionShape.Of(predicate, out var roots);
            _read = CompileReader(values.Expressions, roots);
        }
        catch (Exception)
        {
            // Values this shape reads in a way the compiler refuses: it keeps being translated per call, as it was.
            _unreadable = true;
        }
        return sql.Bind(values.Converted);
    }

    private void Add(Variant variant)
    {
        lock (_adding)
        {
            if (_variants.Length < MaxVariants)
                _variants = [.. _variants, variant];
        }
    }

    /// <summary>
    /// <c>buffer =&gt; { var r0 = (TRoot0)buffer[0]; …; buffer[0] = (object)slot0(r…); … }</c>: each captured value's
    /// expression with the tree's constants replaced by the roots a match put in the buffer, all read before any is overwritten.
    /// </summary>
    private static Action<object?[]> CompileReader(IReadOnlyList<Expression> slots, List<ConstantExpression> roots)
    {
        var buffer = Expression.Parameter(typeof(object[]), "buffer");
        var locals = new Dictionary<ConstantExpression, ParameterExpression>(ReferenceEqualityComparer.Instance);
        var body = new List<Expression>();
        for (var i = 0; i < roots.Count; i++)
        {
            // A hand-built tree may hold one constant node twice: it is one root, read once.
            var local = Expression.Variable(roots[i].Type, $"root{i}");
            if (locals.TryAdd(roots[i], local))
                body.Add(Expression.Assign(local, Expression.Convert(Expression.ArrayIndex(buffer, Expression.Constant(i)), roots[i].Type)));
        }
        var rewriter = new RootReader(locals);
        for (var i = 0; i < slots.Count; i++)
        {
            body.Add(Expression.Assign(
                Expression.ArrayAccess(buffer, Expression.Constant(i)),
                Expression.Convert(rewriter.Visit(slots[i]), typeof(object))));
        }
        body.Add(Expression.Empty());
        return Expression.Lambda<Action<object?[]>>(Expression.Block(locals.Values, body), buffer).Compile();
    }

    private sealed record Variant(int[] Facts, PredicateSql Sql);

    private sealed class RootReader(Dictionary<ConstantExpression, ParameterExpression> locals) : ExpressionVisitor
    {
        protected override Expression VisitConstant(ConstantExpression node) => locals.TryGetValue(node, out var local) ? local : node;
    }
}
