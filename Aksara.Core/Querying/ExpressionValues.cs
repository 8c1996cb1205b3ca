using System.Linq.Expressions;
using System.Reflection;

namespace Aksara.Querying;

/// <summary>
/// Values of the parts of a predicate that do not depend on the row: constants, captured variables and member chains
/// on them (<c>filter.Customer.Id</c>). Each is evaluated once, when the query is built, and sent as a parameter: here
/// while a predicate is translated, by the compiled reader of its shape once that is cached (<see cref="PredicateShape"/>).
/// </summary>
internal static class ExpressionValues
{
    /// <summary>True when <paramref name="expression"/> reads <paramref name="row"/> anywhere.</summary>
    internal static bool References(Expression expression, ParameterExpression row)
    {
        var finder = new ParameterFinder(row);
        finder.Visit(expression);
        return finder.Found;
    }

    internal static object? Evaluate(Expression expression)
    {
        switch (expression)
        {
            case ConstantExpression constant:
                return constant.Value;
            // Captured variables are fields of a closure object: read them without compiling anything.
            case MemberExpression { Member: FieldInfo field } member:
                return field.GetValue(Target(member));
            case MemberExpression { Member: PropertyInfo { GetMethod: not null } property } member when property.GetIndexParameters().Length == 0:
                return property.GetValue(Target(member));
            // Boxing conversions (int → int?, anything → object) leave the value as it is.
            case UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } convert
                when convert.Type == typeof(object) || Nullable.GetUnderlyingType(convert.Type) == operand.Type:
                return Evaluate(operand);
            default:
                // Anything else (a method call, arithmetic, `new`): interpret it; nothing is emitted for a one-off value.
                return Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)();
        }
    }

    private static object? Target(MemberExpression member)
    {
        if (member.Expression is null)
            return null;
        return Evaluate(member.Expression)
            ?? throw new NullReferenceException($"'{member.Expression}' is null, so '{member}' cannot be read while building the query.");
    }

    private sealed class ParameterFinder(ParameterExpression row) : ExpressionVisitor
    {
        internal bool Found { get; private set; }

        public override Expression? Visit(Expression? node) => Found ? node : base.Visit(node);

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == row;
            return node;
        }
    }
}
