using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Aksara.Models;

namespace Aksara.Querying;

/// <summary>
/// What the text of a typed query's SELECT depends on: its conditions' SQL templates (by identity: a cached template
/// stands for one predicate shape and facts), its ordering, and whether it has a LIMIT and an OFFSET. Values are no
/// part of it, so every call of the same query code finds the same statement text.
/// </summary>
internal readonly struct SelectShape(
    ImmutableArray<SqlFragment> conditions,
    ImmutableArray<(ColumnMetadata Column, bool Descending)> ordering,
    bool hasLimit,
    bool hasOffset) : IEquatable<SelectShape>
{
    private readonly ImmutableArray<SqlFragment> _conditions = conditions;
    private readonly ImmutableArray<(ColumnMetadata Column, bool Descending)> _ordering = ordering;
    private readonly bool _hasLimit = hasLimit;
    private readonly bool _hasOffset = hasOffset;

    /// <summary>A condition translated without the cache has a template of its own, which no other query will share.</summary>
    internal bool IsCacheable
    {
        get
        {
            foreach (var condition in _conditions)
            {
                if (!condition.Template.IsShared)
                    return false;
            }
            return true;
        }
    }

    /// <summary>The same shape holding no parameter values, to be kept by a cache.</summary>
    internal SelectShape WithoutValues()
    {
        var conditions = ImmutableArray.CreateBuilder<SqlFragment>(_conditions.Length);
        foreach (var condition in _conditions)
            conditions.Add(condition.WithoutValues());
        return new SelectShape(conditions.MoveToImmutable(), _ordering, _hasLimit, _hasOffset);
    }

    public bool Equals(SelectShape other)
    {
        if (_hasLimit != other._hasLimit || _hasOffset != other._hasOffset
            || _conditions.Length != other._conditions.Length || _ordering.Length != other._ordering.Length)
        {
            return false;
        }
        for (var i = 0; i < _conditions.Length; i++)
        {
            if (_conditions[i].Template != other._conditions[i].Template)
                return false;
        }
        for (var i = 0; i < _ordering.Length; i++)
        {
            if (_ordering[i].Column != other._ordering[i].Column || _ordering[i].Descending != other._ordering[i].Descending)
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is SelectShape other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_hasLimit);
        hash.Add(_hasOffset);
        foreach (var condition in _conditions)
            hash.Add(RuntimeHelpers.GetHashCode(condition.Template));
        foreach (var (column, descending) in _ordering)
        {
            hash.Add(RuntimeHelpers.GetHashCode(column));
            hash.Add(descending);
        }
        return hash.ToHashCode();
    }
}
