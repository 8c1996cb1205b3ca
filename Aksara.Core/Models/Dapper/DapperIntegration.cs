using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using NpgsqlTypes;

namespace Aksara;

/// <summary>
/// The one place Aksara registers with Dapper, whose settings are process-wide: <see cref="EnsureInstalled"/> once per
/// process (from every data source Aksara builds), and <see cref="Prepare"/> once per type Aksara reads or sends. It
/// teaches Dapper Aksara's mapping, so rows read the same way through the raw <c>FetchAsync&lt;T&gt;</c>, CRUD and
/// typed queries: a type map per model (for <c>[Column("x")]</c> names) and type handlers for what Dapper and Npgsql do
/// not convert on their own (jsonb, enum arrays, <c>List&lt;T&gt;</c>, <c>DateTimeOffset</c> at offset 0).
/// </summary>
internal static class DapperIntegration
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<Type, SqlMapper.ITypeHandler> s_handlers = [];
    private static readonly ConcurrentDictionary<Type, SqlMapper.ITypeHandler> s_jsonHandlers = new();
    private static readonly HashSet<Type> s_prepared = [];
    private static volatile bool s_installed;

    /// <summary>Installs the global handlers and Dapper's type-map hook; idempotent.</summary>
    internal static void EnsureInstalled()
    {
        if (s_installed)
            return;
        lock (s_lock)
        {
            if (s_installed)
                return;

            DefaultTypeMap.MatchNamesWithUnderscores = true;

            // Every type Dapper has not mapped yet passes through here: model types get their metadata (and with it
            // their handlers) even when their first use is a raw FetchAsync<T>.
            var previous = SqlMapper.TypeMapProvider;
            SqlMapper.TypeMapProvider = type => new AksaraTypeMap(type, previous(type));

            // Dapper reads DateTimeOffset itself but sends it with DbType.DateTimeOffset, which Npgsql refuses for any
            // offset but 0; with the built-in mapping removed, the handler normalizes it both ways.
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
            AddHandler(typeof(DateTimeOffset), new DateTimeOffsetTypeHandler());

            foreach (var json in new[] { typeof(JsonDocument), typeof(JsonElement), typeof(JsonNode), typeof(JsonObject), typeof(JsonArray), typeof(JsonValue) })
                AddHandler(json, CreateHandler(typeof(JsonTypeHandler<>), json));

            // Arrays and lists of scalars: lists need converting on read, and both must reach PostgreSQL as one array
            // parameter (`= ANY(@ids)`), not as Dapper's expanded list of parameters.
            foreach (var element in ColumnTypes.ScalarTypes.Where(type => type != typeof(byte[])))
            {
                var elementType = ScalarDbType(element);
                AddHandler(element.MakeArrayType(), CreateHandler(typeof(ArrayTypeHandler<>), element, elementType));
                AddHandler(typeof(List<>).MakeGenericType(element), CreateHandler(typeof(ListTypeHandler<>), element, elementType));
            }
            s_installed = true;
        }
    }

    /// <summary>
    /// Registers the handlers reading <paramref name="type"/> needs, whichever path meets it first: a model's columns
    /// (<c>[Jsonb]</c> types, enum lists), a plain result class's properties, or a one-column result of the type itself
    /// (<c>FetchAsync&lt;List&lt;Colour&gt;&gt;</c>, a jsonb <c>Dictionary&lt;string, int&gt;</c>), as a property of that
    /// type would get. Idempotent.
    /// </summary>
    internal static void Prepare(Type type)
    {
        EnsureInstalled();
        // Outside the lock: building metadata validates the model and may throw; it registers nothing itself.
        var metadata = ModelMetadata.IsModelType(type) ? ModelMetadata.For(type) : null;
        lock (s_lock)
        {
            if (!s_prepared.Add(type))
                return;
            if (metadata is not null)
            {
                foreach (var column in metadata.Columns)
                    AddHandlersFor(column.ClrType, column.Kind == ValueKind.Json);
                return;
            }
            AddHandlersFor(type, jsonb: false);
            if (!IsResultClass(type))
                return;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                AddHandlersFor(property.PropertyType, property.IsDefined(typeof(JsonbAttribute)));
        }
    }

    /// <summary>A class whose rows fill its properties, rather than a value read from one column.</summary>
    private static bool IsResultClass(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(object) && !type.IsArray && !s_handlers.ContainsKey(type)
        && ColumnTypes.CollectionElement(type) is null && !ColumnTypes.IsImplicitJson(type);

    /// <summary>Adds what a member of <paramref name="type"/> needs; call under <see cref="s_lock"/>.</summary>
    private static void AddHandlersFor(Type type, bool jsonb)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (jsonb || ColumnTypes.IsImplicitJson(underlying))
        {
            // JSON text in a string needs nothing, and a scalar is never jsonb. A type that already has a handler
            // (List<string>, for a text[] column elsewhere) keeps it: Dapper's handlers are per type, and the array
            // handlers read JSON text too.
            if (underlying == typeof(string) || ColumnTypes.IsScalar(underlying) || s_handlers.ContainsKey(underlying))
                return;
            var handler = CreateHandler(typeof(JsonTypeHandler<>), underlying);
            AddHandler(underlying, handler);
            s_jsonHandlers.TryAdd(underlying, handler);
            return;
        }
        if (ColumnTypes.CollectionElement(underlying) is { IsEnum: true } element)
        {
            var handler = underlying.IsArray ? typeof(EnumArrayTypeHandler<>) : typeof(EnumListTypeHandler<>);
            AddHandler(underlying, CreateHandler(handler, element));
        }
    }

    private static void AddHandler(Type type, SqlMapper.ITypeHandler handler)
    {
        if (s_handlers.TryAdd(type, handler))
            SqlMapper.AddTypeHandler(type, handler);
    }

    /// <summary>The jsonb handler Aksara registered for <paramref name="type"/> (a model's [Jsonb] or dictionary type), if any.</summary>
    internal static SqlMapper.ITypeHandler? HandlerFor(Type type) => s_jsonHandlers.GetValueOrDefault(type);

    private static SqlMapper.ITypeHandler CreateHandler(Type handlerDefinition, Type argument, params object[] constructorArguments) =>
        (SqlMapper.ITypeHandler)Activator.CreateInstance(handlerDefinition.MakeGenericType(argument), constructorArguments)!;

    private static NpgsqlDbType ScalarDbType(Type scalar)
    {
        var type = ColumnTypes.Resolve(scalar, column: null, jsonb: false, out _)
            ?? throw new InvalidOperationException($"{scalar} is not a scalar column type.");
        return type.DbType!.Value;
    }
}
