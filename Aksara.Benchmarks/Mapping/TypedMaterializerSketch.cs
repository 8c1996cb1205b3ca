using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Aksara.Benchmarks;

/// <summary>
/// Not Aksara code: a sketch of a materializer that reads each column with the typed, non-boxing
/// <see cref="DbDataReader.GetFieldValue{T}"/> instead of Dapper's <c>GetValue</c> + unbox, to measure what Aksara's
/// read path would gain from one (see docs/benchmarks.md). Plain properties only, snake_case column names; one
/// compiled delegate per type and column list.
/// </summary>
public static class TypedMaterializerSketch
{
    private static readonly ConcurrentDictionary<(Type, string), Delegate> s_cache = new();
    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

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
            var read = Expression.Call(reader, GetFieldValue.MakeGenericMethod(property.PropertyType), Expression.Constant(ordinal));
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
