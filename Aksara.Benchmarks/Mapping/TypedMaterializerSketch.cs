using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Aksara.Benchmarks;

/// <summary>
/// Not Aksara code: a sketch of a materializer that reads each column with a typed, non-boxing getter
/// (<c>GetInt32</c>, <c>GetGuid</c>, …; <see cref="DbDataReader.GetFieldValue{T}"/> for other types) instead of
/// Dapper's <c>GetValue</c> + unbox, to measure what Aksara's read path would gain from one (see docs/benchmarks.md).
/// Non-null plain properties only, snake_case column names; one compiled delegate per type and column list.
/// </summary>
public static class TypedMaterializerSketch
{
    private static readonly ConcurrentDictionary<(Type, string), Delegate> s_cache = new();
    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    private static readonly Dictionary<Type, MethodInfo> TypedGetters = new()
    {
        [typeof(bool)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetBoolean))!,
        [typeof(short)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetInt16))!,
        [typeof(int)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetInt32))!,
        [typeof(long)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetInt64))!,
        [typeof(float)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFloat))!,
        [typeof(double)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetDouble))!,
        [typeof(decimal)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetDecimal))!,
        [typeof(Guid)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetGuid))!,
        [typeof(string)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetString))!,
        [typeof(DateTime)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetDateTime))!,
    };

    public static Func<DbDataReader, T> For<T>(DbDataReader reader) where T : new()
    {
        var columns = new string[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = reader.GetName(i);
        return (Func<DbDataReader, T>)s_cache.GetOrAdd((typeof(T), string.Join(",", columns)), _ => Build<T>(columns));
    }

    private static Func<DbDataReader, T> Build<T>(string[] columns) where T : new()
    {
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var bindings = new List<MemberBinding>();
        for (var ordinal = 0; ordinal < columns.Length; ordinal++)
        {
            var property = typeof(T).GetProperties().FirstOrDefault(p => SnakeCase(p.Name) == columns[ordinal]);
            if (property is null)
                continue;
            // Typed getters are ordinary virtual calls; GetFieldValue<T> is a generic virtual method, dispatched far more slowly.
            var getter = TypedGetters.TryGetValue(property.PropertyType, out var typed) ? typed : GetFieldValue.MakeGenericMethod(property.PropertyType);
            var read = Expression.Call(reader, getter, Expression.Constant(ordinal));
            bindings.Add(Expression.Bind(property, read));
        }
        return Expression.Lambda<Func<DbDataReader, T>>(Expression.MemberInit(Expression.New(typeof(T)), bindings), reader).Compile();
    }

    private static string SnakeCase(string name)
    {
        var snake = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
                snake.Append('_');
            snake.Append(char.ToLowerInvariant(c));
        }
        return snake.ToString();
    }
}
