using System.Linq.Expressions;
using System.Reflection;

namespace Aksara.Querying;

/// <summary>
/// The structure of a predicate lambda with its values left out: node kinds, types, members and methods, in pre-order.
/// Every <see cref="ConstantExpression"/> (a closure object holding captured variables, or a literal) is a
/// <em>root</em>: only its type belongs to the shape, its value is read anew from each tree. Two calls of the same
/// <c>Where(p => p.Seq &gt; after)</c> therefore have one shape whatever <c>after</c> holds, and so do
/// <c>p.Points &gt; 3</c> and <c>p.Points &gt; 5</c>.
/// </summary>
/// <remarks>
/// Walking a tree allocates nothing, so the shape of a call's lambda can be looked up on every call. A shape keeps no
/// value of the tree it was made from (only types and reflection members), so caching it keeps no closure alive.
/// Trees with forms a predicate does not need (nested lambdas, blocks, member initializers, …) have no shape and
/// are translated on every call.
/// </remarks>
internal sealed class ExpressionShape
{
    private readonly Token[] _tokens;

    private ExpressionShape(Token[] tokens, int hash, int rootCount)
    {
        _tokens = tokens;
        Hash = hash;
        RootCount = rootCount;
    }

    internal int Hash { get; }

    /// <summary>The number of <see cref="ConstantExpression"/>s, in the order <see cref="TryMatch"/> writes their values.</summary>
    internal int RootCount { get; }

    /// <summary>The structural hash of <paramref name="lambda"/>; false when it has no shape.</summary>
    internal static bool TryHash(LambdaExpression lambda, out int hash, out int rootCount)
    {
        var hasher = new Hasher();
        var ok = Walk(lambda, ref hasher);
        hash = hasher.Hash.ToHashCode();
        rootCount = hasher.Roots;
        return ok;
    }

    /// <summary>The shape of <paramref name="lambda"/> (which must have one) and its constants in root order.</summary>
    internal static ExpressionShape Of(LambdaExpression lambda, out List<ConstantExpression> roots)
    {
        var recorder = new Recorder();
        if (!Walk(lambda, ref recorder))
            throw new InvalidOperationException($"'{lambda}' has no shape.");
        roots = recorder.Roots;
        return new ExpressionShape([.. recorder.Tokens], recorder.Hash.ToHashCode(), roots.Count);
    }

    /// <summary>True when <paramref name="lambda"/> has this shape; its root values are then in <paramref name="roots"/>.</summary>
    internal bool TryMatch(LambdaExpression lambda, object?[] roots)
    {
        var matcher = new Matcher(_tokens, roots);
        return Walk(lambda, ref matcher) && matcher.Position == _tokens.Length;
    }

    /// <summary>One node: what distinguishes it from another node of a tree of the same overall structure.</summary>
    private readonly record struct Token(ExpressionType NodeType, Type Type, object? Detail, int Extra);

    private interface IVisitor
    {
        bool Node(in Token token);

        void Root(ConstantExpression constant);
    }

    private static bool Walk<TVisitor>(LambdaExpression lambda, ref TVisitor visitor) where TVisitor : struct, IVisitor
    {
        ParameterExpression? row = null;
        return visitor.Node(new Token(ExpressionType.Lambda, lambda.Type, null, 0)) && Walk(lambda.Body, ref row, ref visitor);
    }

    // Pre-order: a node's token, then its children left to right. Every branch returns false for a form without a shape.
    private static bool Walk<TVisitor>(Expression? node, ref ParameterExpression? row, ref TVisitor visitor) where TVisitor : struct, IVisitor
    {
        switch (node)
        {
            case null:
                return visitor.Node(new Token(default, typeof(void), null, -1));

            case ConstantExpression constant:
                visitor.Root(constant);
                return visitor.Node(new Token(ExpressionType.Constant, constant.Type, null, 0));

            // The lambda's one parameter is the row. Reading the lambda's Parameters would allocate, so the first
            // parameter met stands for it, and any other parameter (a nested lambda's) has no shape.
            case ParameterExpression parameter:
                row ??= parameter;
                return parameter == row && visitor.Node(new Token(ExpressionType.Parameter, parameter.Type, null, 0));

            case MemberExpression member:
                return visitor.Node(new Token(ExpressionType.MemberAccess, member.Type, member.Member, member.Expression is null ? 0 : 1))
                    && (member.Expression is null || Walk(member.Expression, ref row, ref visitor));

            case MethodCallExpression call:
                return visitor.Node(new Token(ExpressionType.Call, call.Type, call.Method, call.Object is null ? 0 : 1))
                    && (call.Object is null || Walk(call.Object, ref row, ref visitor))
                    && WalkArguments(call, ref row, ref visitor);

            case UnaryExpression unary:
                return visitor.Node(new Token(unary.NodeType, unary.Type, unary.Method, unary.IsLiftedToNull ? 1 : 0))
                    && Walk(unary.Operand, ref row, ref visitor);

            case BinaryExpression binary when binary.Conversion is null:
                return visitor.Node(new Token(binary.NodeType, binary.Type, binary.Method, binary.IsLiftedToNull ? 1 : 0))
                    && Walk(binary.Left, ref row, ref visitor)
                    && Walk(binary.Right, ref row, ref visitor);

            case ConditionalExpression conditional:
                return visitor.Node(new Token(ExpressionType.Conditional, conditional.Type, null, 0))
                    && Walk(conditional.Test, ref row, ref visitor)
                    && Walk(conditional.IfTrue, ref row, ref visitor)
                    && Walk(conditional.IfFalse, ref row, ref visitor);

            case NewArrayExpression array:
                if (!visitor.Node(new Token(array.NodeType, array.Type, null, array.Expressions.Count)))
                    return false;
                foreach (var element in array.Expressions)
                {
                    if (!Walk(element, ref row, ref visitor))
                        return false;
                }
                return true;

            case NewExpression create when create.Members is null:
                return visitor.Node(new Token(ExpressionType.New, create.Type, create.Constructor, 0)) && WalkArguments(create, ref row, ref visitor);

            case TypeBinaryExpression test:
                return visitor.Node(new Token(test.NodeType, test.Type, test.TypeOperand, 0)) && Walk(test.Expression, ref row, ref visitor);

            case DefaultExpression value:
                return visitor.Node(new Token(ExpressionType.Default, value.Type, null, 0));

            default:
                return false;
        }
    }

    // IArgumentProvider reads the arguments without the ReadOnlyCollection that Arguments allocates on first use.
    private static bool WalkArguments<TVisitor>(IArgumentProvider node, ref ParameterExpression? row, ref TVisitor visitor) where TVisitor : struct, IVisitor
    {
        var count = node.ArgumentCount;
        if (!visitor.Node(new Token(ExpressionType.Extension, typeof(void), null, count)))
            return false;
        for (var i = 0; i < count; i++)
        {
            if (!Walk(node.GetArgument(i), ref row, ref visitor))
                return false;
        }
        return true;
    }

    private static void Add(ref HashCode hash, in Token token)
    {
        hash.Add(token.NodeType);
        hash.Add(token.Type);
        hash.Add(token.Detail);
        hash.Add(token.Extra);
    }

    private struct Hasher : IVisitor
    {
        internal HashCode Hash;
        internal int Roots;

        public bool Node(in Token token)
        {
            Add(ref Hash, token);
            return true;
        }

        public void Root(ConstantExpression constant) => Roots++;
    }

    private struct Recorder() : IVisitor
    {
        internal HashCode Hash;
        internal readonly List<Token> Tokens = [];
        internal readonly List<ConstantExpression> Roots = [];

        public bool Node(in Token token)
        {
            Add(ref Hash, token);
            Tokens.Add(token);
            return true;
        }

        public void Root(ConstantExpression constant) => Roots.Add(constant);
    }

    private struct Matcher(Token[] tokens, object?[] roots) : IVisitor
    {
        private int _root;

        internal int Position { get; private set; }

        public bool Node(in Token token)
        {
            if (Position == tokens.Length)
                return false;
            var expected = tokens[Position++];
            return expected.NodeType == token.NodeType
                && expected.Type == token.Type
                && expected.Extra == token.Extra
                && Same(expected.Detail, token.Detail);
        }

        public void Root(ConstantExpression constant)
        {
            if (_root < roots.Length)
                roots[_root] = constant.Value;
            _root++;
        }

        private static bool Same(object? expected, object? actual) =>
            ReferenceEquals(expected, actual) || (expected is MemberInfo member && member.Equals(actual));
    }
}
