using System.Linq.Expressions;
using Aksara.Models;

namespace Aksara.Querying;

/// <summary>
/// Where a <c>Where</c> predicate is translated: once per shape (<see cref="ExpressionShape"/>), then reused with each
/// call's own values, which are read anew every time (a closure over a loop variable gives each call its value).
/// </summary>
/// <remarks>
/// The cache holds at most <see cref="Capacity"/> shapes for the whole process (<see cref="BoundedCache{TKey, TValue}"/>):
/// an application's predicates are written in its code, so they fit; predicates built dynamically without bound make
/// it start over instead of growing. A shape keeps types, members and SQL, never a value of the trees it was seen in.
/// </remarks>
internal static class PredicateCache
{
    internal const int Capacity = 1024;

    // Keyed by structural hash; the rare shapes that share one are told apart by ExpressionShape.TryMatch.
    private static readonly BoundedCache<int, PredicateShape[]> s_shapes = new(Capacity);

    /// <summary>Shapes added since the cache last started over.</summary>
    internal static int Count => s_shapes.Count;

    internal static SqlFragment Translate(ModelMetadata metadata, LambdaExpression predicate)
    {
        if (!ExpressionShape.TryHash(predicate, out var hash, out var rootCount))
            return PredicateTranslator.Translate(metadata, predicate);

        s_shapes.TryGetValue(hash, out var bucket);
        foreach (var shape in bucket ?? [])
        {
            if (shape.Metadata != metadata)
                continue;
            var buffer = shape.BufferLength == 0 ? [] : new object?[shape.BufferLength];
            if (shape.Structure.RootCount == rootCount && shape.Structure.TryMatch(predicate, buffer))
                return shape.Bind(predicate, buffer);
        }

        var values = CapturedValues.Recording();
        var sql = PredicateTranslator.Translate(metadata, predicate, values).Shared();
        var added = new PredicateShape(metadata, ExpressionShape.Of(predicate, out _), values, sql);
        s_shapes.Set(hash, bucket is null ? [added] : [.. bucket, added]);
        return sql.Bind(values.Converted);
    }
}
