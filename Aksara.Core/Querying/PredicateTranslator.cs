using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Aksara.Data;
using Aksara.Models;
using Aksara.Models.Mapping;
using Aksara.Values.Converters;
using NpgsqlTypes;

namespace Aksara.Querying;

/// <summary>
/// Translates a <c>Where</c> lambda into a SQL condition on the model's columns. Row members become quoted column
/// names; everything else is a captured value (<see cref="CapturedValues"/>) sent as a typed parameter, so no value
/// can change the statement. What it cannot translate faithfully it refuses, with a
/// <see cref="NotSupportedException"/> that quotes the expression and shows the raw-SQL alternative.
/// </summary>
/// <remarks>
/// The SQL depends on the values only through the facts their conversions report (<see cref="SlotConversion"/>), and
/// every value is read before the translation branches on it, so <see cref="PredicateShape"/> can reuse a translation
/// for every tree of the same shape whose values have the same facts.
/// </remarks>
internal sealed class PredicateTranslator
{
    private static readonly ConcurrentDictionary<ColumnMetadata, ValueConverter> s_elementBinders = new();

    private readonly ModelMetadata _metadata;
    private readonly LambdaExpression _lambda;
    private readonly ParameterExpression _row;
    private readonly SqlFragment.Builder _sql = new();
    private readonly CapturedValues _values;

    private PredicateTranslator(ModelMetadata metadata, LambdaExpression lambda, CapturedValues values)
    {
        _metadata = metadata;
        _lambda = lambda;
        _row = lambda.Parameters[0];
        _values = values;
    }

    /// <summary>Translates <paramref name="predicate"/> as it is, with its values: what a predicate without a shape goes through on every call.</summary>
    internal static SqlFragment Translate(ModelMetadata metadata, LambdaExpression predicate)
    {
        var values = CapturedValues.Recording();
        return Translate(metadata, predicate, values).Bind(values.Converted);
    }

    /// <summary>The SQL of <paramref name="predicate"/> for <paramref name="values"/> (recorded from the tree, or replayed).</summary>
    internal static PredicateSql Translate(ModelMetadata metadata, LambdaExpression predicate, CapturedValues values)
    {
        var translator = new PredicateTranslator(metadata, predicate, values);
        translator.Predicate(predicate.Body);
        return translator._sql.Build();
    }

    /// <summary>The column an ordering key (<c>x => x.CreatedAt</c>) names.</summary>
    internal static ColumnMetadata OrderingColumn(ModelMetadata metadata, LambdaExpression key)
    {
        // The usual key, a property of the row, is read without a translator: ordering is on every query's path.
        if (key.Body is MemberExpression { Member: PropertyInfo property, Expression: ParameterExpression owner } && owner.Type == metadata.ClrType
            && metadata.Column(property.Name) is { } mapped && mapped.Property.Name == property.Name)
        {
            return mapped;
        }
        var translator = new PredicateTranslator(metadata, key, CapturedValues.Recording());
        return translator.Resolve(key.Body) is { Column: { } column }
            ? column
            : throw translator.Unsupported(key.Body, "an ordering key must be a mapped property of the row, such as x => x.CreatedAt");
    }

    // One side of a comparison: a column of the row, or a captured value computed without it (its slot).
    private readonly record struct Side(ColumnMetadata? Column, int Slot);

    private void Predicate(Expression node)
    {
        if (!ExpressionValues.References(node, _row))
        {
            // A condition that does not depend on the row (`includeArchived || …`): its value is a parameter.
            _sql.AppendParameter(_values.Read(node), NpgsqlDbType.Boolean);
            return;
        }

        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } logical:
                _sql.Append("(");
                Predicate(logical.Left);
                _sql.Append(logical.NodeType == ExpressionType.AndAlso ? " AND " : " OR ");
                Predicate(logical.Right);
                _sql.Append(")");
                return;

            case UnaryExpression { NodeType: ExpressionType.Not } not:
                // C#'s !(x.Age > 5) is true for a null Age; SQL's NOT (NULL) is NULL and would drop the row.
                _sql.Append("(");
                Predicate(not.Operand);
                _sql.Append(") IS NOT TRUE");
                return;

            case BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual } comparison:
                Comparison(comparison, comparison.NodeType, comparison.Left, comparison.Right);
                return;

            case MethodCallExpression call:
                Method(call);
                return;

            // x.OptionalFlag.HasValue, x.OptionalDate.HasValue
            case MemberExpression { Member.Name: nameof(Nullable<int>.HasValue), Expression: { } nullable } when Nullable.GetUnderlyingType(nullable.Type) is not null:
                _sql.Append(QuotedColumn(ColumnOf(nullable, node))).Append(" IS NOT NULL");
                return;

            // A bool property used as a condition: Where(x => x.IsActive)
            case var _ when Resolve(node) is { Column: { } column } && (Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType) == typeof(bool):
                _sql.Append(QuotedColumn(column));
                return;

            default:
                throw Unsupported(node, null);
        }
    }

    private void Comparison(Expression node, ExpressionType op, Expression leftExpression, Expression rightExpression)
    {
        var left = Resolve(leftExpression);
        var right = Resolve(rightExpression);
        if (left.Column is null && right.Column is null)
            throw Unsupported(node, "neither side is a column of the row");
        if (left.Column is null)
        {
            (left, right) = (right, left);
            op = Mirror(op);
        }
        var column = left.Column!;
        var isOrdering = op is not (ExpressionType.Equal or ExpressionType.NotEqual);

        if (isOrdering && column.Kind == ValueKind.Enum)
            throw Unsupported(node, $"{column.Description} stores enum names as text, so <, <=, > and >= would compare names alphabetically, not the enum's order; compare with == and != or Contains, or use raw SQL with a CASE expression");

        if (right.Column is { } other)
        {
            var nullable = column.IsNullable || other.IsNullable;
            _sql.Append(QuotedColumn(column)).Append(op switch
            {
                // C# treats null == null as true; IS NOT DISTINCT FROM does the same.
                ExpressionType.Equal when nullable => " IS NOT DISTINCT FROM ",
                ExpressionType.NotEqual when nullable => " IS DISTINCT FROM ",
                _ => Operator(op),
            }).Append(QuotedColumn(other));
            return;
        }

        if (UseColumnValue(right.Slot, column, node) == SlotConversion.Null)
        {
            _sql.Append(QuotedColumn(column)).Append(op switch
            {
                ExpressionType.Equal => " IS NULL",
                ExpressionType.NotEqual => " IS NOT NULL",
                _ => throw Unsupported(node, "an ordering comparison with null is always false"),
            });
            return;
        }

        _sql.Append(QuotedColumn(column))
            // C#: a null property is != any value; SQL's <> would leave the row out.
            .Append(op == ExpressionType.NotEqual && column.IsNullable ? " IS DISTINCT FROM " : Operator(op))
            .AppendParameter(right.Slot, column.Converter.DbType);
    }

    private void Method(MethodCallExpression call)
    {
        var method = call.Method;

        if (method.DeclaringType == typeof(string) && !method.IsStatic && method.Name is nameof(string.StartsWith) or nameof(string.EndsWith) or nameof(string.Contains))
        {
            Like(call);
            return;
        }

        if (method.DeclaringType == typeof(string) && method.IsStatic && method.Name == nameof(string.IsNullOrEmpty))
        {
            var column = ColumnOf(call.Arguments[0], call);
            _sql.Append("(").Append(QuotedColumn(column)).Append(" IS NULL OR ").Append(QuotedColumn(column)).Append(" = '')");
            return;
        }

        if (method.Name == nameof(object.Equals) && method.ReturnType == typeof(bool))
        {
            if (!method.IsStatic && call.Arguments.Count == 1)
            {
                Comparison(call, ExpressionType.Equal, call.Object!, call.Arguments[0]);
                return;
            }
            if (method.IsStatic && call.Arguments.Count == 2)
            {
                Comparison(call, ExpressionType.Equal, call.Arguments[0], call.Arguments[1]);
                return;
            }
        }

        if (ContainsCall(call) is var (source, item) && WithoutComparer(call))
        {
            Contains(call, source, item);
            return;
        }

        throw Unsupported(call, $"the method {method.DeclaringType?.Name}.{method.Name} has no SQL translation");
    }

    /// <summary>x.Name.StartsWith(v) → "name" LIKE $1 ESCAPE '\', with v's own %, _ and \ escaped.</summary>
    private void Like(MethodCallExpression call)
    {
        var column = ColumnOf(call.Object!, call);
        if (column.Kind != ValueKind.Text || column.ElementType is not null || column.IsJsonb)
            throw Unsupported(call, $"{column.Description} is not a text column");
        if (ExpressionValues.References(call.Arguments[0], _row))
            throw Unsupported(call, "the pattern must be a value, not another column");

        var ignoreCase = false;
        if (call.Arguments.Count == 2)
        {
            if (call.Arguments[1].Type != typeof(StringComparison) || ExpressionValues.References(call.Arguments[1], _row))
                throw Unsupported(call, "only the (string) and (string, StringComparison) overloads are translated");
            var comparison = _values.Read(call.Arguments[1]);
            _values.Use(comparison, SlotConversion.Comparison);
            ignoreCase = (StringComparison)_values.Value(comparison)! switch
            {
                StringComparison.Ordinal => false,
                StringComparison.OrdinalIgnoreCase => true,
                var other => throw Unsupported(call, $"StringComparison.{other} is culture-sensitive; use Ordinal (LIKE) or OrdinalIgnoreCase (ILIKE)"),
            };
        }
        else if (call.Arguments.Count != 1)
        {
            throw Unsupported(call, "only the (string) and (string, StringComparison) overloads are translated");
        }

        var pattern = _values.Read(call.Arguments[0]);
        if (_values.Use(pattern, SlotConversion.LikePattern(call.Method.Name, column.Description)) == SlotConversion.Null)
            throw new ArgumentNullException(nameof(call), $"The value passed to {call.Method.Name} in '{_lambda}' is null.");
        _sql.Append(QuotedColumn(column)).Append(ignoreCase ? " ILIKE " : " LIKE ")
            .AppendParameter(pattern, NpgsqlDbType.Text)
            .Append(LikePatterns.EscapeClause);
    }

    /// <summary>values.Contains(x.Column) → "column" = ANY($1); x.ArrayColumn.Contains(value) → $1 = ANY("array_column").</summary>
    private void Contains(MethodCallExpression call, Expression source, Expression item)
    {
        if (!ExpressionValues.References(source, _row))
        {
            var column = ColumnOf(item, call);
            if (column.ElementType is not null)
                throw Unsupported(call, $"{column.Description} is an array; compare it with == or test one element with x.{column.Property.Name}.Contains(value)");
            var values = _values.Read(source);
            var fact = _values.Use(values, SlotConversion.ValueList(column));
            if (fact == SlotConversion.Null)
                throw new ArgumentNullException(nameof(call), $"The collection in '{call}' ({_lambda}) is null.");
            var arrayType = column.Converter.ArrayDbType;
            // The labels go as text[]; PostgreSQL has no operator between an enum and text[], so the array is cast.
            var cast = column.EnumType is { } enumType ? $"::{enumType.SqlName}[]" : "";
            if (fact == SlotConversion.HoldsNull)
            {
                _sql.Append("(").Append(QuotedColumn(column)).Append(" = ANY(").AppendParameter(values, arrayType).Append(cast).Append(") OR ")
                    .Append(QuotedColumn(column)).Append(" IS NULL)");
            }
            else
            {
                _sql.Append(QuotedColumn(column)).Append(" = ANY(").AppendParameter(values, arrayType).Append(cast).Append(")");
            }
            return;
        }

        var arrayColumn = ColumnOf(source, call);
        if (arrayColumn.ElementType is not { } elementType)
            throw Unsupported(call, $"{arrayColumn.Description} is not an array column");
        if (ExpressionValues.References(item, _row))
            throw Unsupported(call, "the element looked for must be a value, not another column");
        var element = _values.Read(item);
        var elementBinder = ElementBinder(arrayColumn, elementType);
        if (_values.Use(element, SlotConversion.ColumnValue(elementBinder)) == SlotConversion.Null)
            throw Unsupported(call, "looking for null in an array is not translated; use raw SQL with array_position");
        _sql.AppendParameter(element, elementBinder.DbType)
            .Append(" = ANY(").Append(QuotedColumn(arrayColumn)).Append(")");
    }

    /// <summary>The source and item of any Contains form: instance (List, HashSet), Enumerable.Contains, and MemoryExtensions.Contains over a span of an array.</summary>
    private static (Expression Source, Expression Item)? ContainsCall(MethodCallExpression call)
    {
        var method = call.Method;
        if (method.Name != "Contains" || method.ReturnType != typeof(bool))
            return null;

        if (!method.IsStatic && call.Object is { } instance && call.Arguments.Count == 1 && instance.Type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(instance.Type))
            return (instance, call.Arguments[0]);

        if (!method.IsStatic || call.Arguments.Count is < 2 or > 3)
            return null;
        if (call.Arguments.Count == 3 && call.Arguments[2] is not ConstantExpression)
            return null;
        if (method.DeclaringType == typeof(Enumerable))
            return (call.Arguments[0], call.Arguments[1]);
        if (method.DeclaringType == typeof(MemoryExtensions))
            return (Unspan(call.Arguments[0]), call.Arguments[1]);
        return null;
    }

    /// <summary>
    /// The optional IEqualityComparer argument of newer Contains overloads must be absent (a null constant). Its value
    /// is read as a captured value, so that a cached translation is reused only while it stays null.
    /// </summary>
    private bool WithoutComparer(MethodCallExpression call)
    {
        if (!call.Method.IsStatic || call.Arguments.Count != 3)
            return true;
        return _values.Use(_values.Read(call.Arguments[2]), SlotConversion.AsIs) == SlotConversion.Null;
    }

    /// <summary>
    /// C# 14 binds <c>array.Contains(x)</c> to <c>MemoryExtensions.Contains(ReadOnlySpan&lt;T&gt;, T)</c> through an
    /// implicit array-to-span conversion. A span cannot be boxed, so the array itself is what gets evaluated.
    /// </summary>
    private static Expression Unspan(Expression span) => span switch
    {
        MethodCallExpression { Method: { Name: "op_Implicit", IsStatic: true }, Arguments: [var array] } => Unspan(array),
        UnaryExpression { NodeType: ExpressionType.Convert, Method.Name: "op_Implicit", Operand: var array } => Unspan(array),
        MethodCallExpression { Method: { Name: "AsSpan", IsStatic: true }, Arguments: [var array] } => array,
        NewExpression { Arguments: [var array] } when array.Type.IsArray => array,
        _ => span,
    };

    private Side Resolve(Expression node)
    {
        if (!ExpressionValues.References(node, _row))
            return new Side(null, _values.Read(node));
        var stripped = StripConversions(node);
        if (stripped is MemberExpression { Member: PropertyInfo property, Expression: { } owner } && IsRow(owner)
            && _metadata.Column(property.Name) is { } column && column.Property.Name == property.Name)
        {
            return new Side(column, -1);
        }
        // x.OptionalValue.Value reads the column itself.
        if (stripped is MemberExpression { Member.Name: nameof(Nullable<int>.Value), Expression: { } nullable } && Nullable.GetUnderlyingType(nullable.Type) is not null)
            return Resolve(nullable);
        throw Unsupported(node, stripped is MemberExpression { Member: PropertyInfo unmapped } member && IsRow(member.Expression)
            ? $"{unmapped.Name} is not a mapped column of {TypeNames.Display(_metadata.ClrType)}"
            : null);
    }

    private ColumnMetadata ColumnOf(Expression node, Expression context) =>
        Resolve(node).Column ?? throw Unsupported(context, "a column of the row was expected here");

    private bool IsRow(Expression? node) => node is not null && StripConversions(node) == _row;

    /// <summary>Removes the conversions the compiler inserts: to Nullable, enum to its number, widening, casts of the row to a base type.</summary>
    private static Expression StripConversions(Expression node)
    {
        while (node is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Method: null } convert)
            node = convert.Operand;
        return node;
    }

    /// <summary>Converts the value compared with <paramref name="column"/>; an error names where in the predicate it is.</summary>
    private int UseColumnValue(int slot, ColumnMetadata column, Expression node)
    {
        try
        {
            return _values.Use(slot, SlotConversion.ColumnValue(column.Converter));
        }
        catch (AksaraValueException ex)
        {
            throw ex.In($"'{node}' of {_lambda}");
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{ex.Message} (in '{node}' of {_lambda})", ex);
        }
    }

    /// <summary>The binder of one element of an array column, made once per column (it is found by reflection).</summary>
    private static ValueConverter ElementBinder(ColumnMetadata arrayColumn, Type elementType) =>
        s_elementBinders.GetOrAdd(arrayColumn, static (column, elementType) =>
        {
            var type = ColumnTypes.Resolve(elementType, column: null, jsonb: false, out _)
                ?? throw new InvalidOperationException($"{column.Description} has elements of unmappable type {elementType}.");
            return ValueConverters.Create(elementType, type, column.Description);
        }, elementType);

    private static string QuotedColumn(ColumnMetadata column) => SqlIdentifier.Quote(column.Name);

    private static string Operator(ExpressionType op) => op switch
    {
        ExpressionType.Equal => " = ",
        ExpressionType.NotEqual => " <> ",
        ExpressionType.LessThan => " < ",
        ExpressionType.LessThanOrEqual => " <= ",
        ExpressionType.GreaterThan => " > ",
        ExpressionType.GreaterThanOrEqual => " >= ",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static ExpressionType Mirror(ExpressionType op) => op switch
    {
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        _ => op,
    };

    private NotSupportedException Unsupported(Expression node, string? reason) =>
        new($"Aksara cannot translate '{node}' in '{_lambda}' to SQL{(reason is null ? "" : $": {reason}")}. " +
            "Typed queries translate ==, !=, <, <=, >, >=, &&, ||, !, comparisons with null, bool properties, " +
            "values.Contains(x.Property), x.ArrayProperty.Contains(value), and string StartsWith/EndsWith/Contains. " +
            $"Write this one in SQL instead: db.FetchAsync<{TypeNames.Display(_metadata.ClrType)}>(\"SELECT * FROM {_metadata.QualifiedTableName} WHERE … $1\", value).");
}
