using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aksara.Models.Mapping;
using Aksara.Values.Converters;
using Dapper;

namespace Aksara.Models.Materialization;

/// <summary>
/// The one place Aksara registers with Dapper, whose settings are process-wide: <see cref="EnsureInstalled"/> once per
/// process (from every data source Aksara builds), and <see cref="Prepare"/> once per type Aksara reads or sends. It
/// teaches Dapper Aksara's mapping, so rows read the same way through the raw <c>FetchAsync&lt;T&gt;</c>, CRUD and
/// typed queries: a type map per model (for <c>[Column("x")]</c> names) and type handlers, each a <see cref="ValueConverter"/>,
/// for what Dapper and Npgsql do not convert on their own (jsonb, enum arrays, <c>List&lt;T&gt;</c>, <c>DateTimeOffset</c> at offset 0).
/// </summary>
internal static class DapperIntegration
{
    private static readonly Lock s_lock = new();
    private static readonly ConcurrentDictionary<Type, ValueConverter> s_converters = new();
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
            // offset but 0, and sends a DateTime of any kind, which a Local or Unspecified one makes a silent shift by
            // the session's time zone. With the built-in mappings removed, the converters apply Aksara's rules even to
            // parameters Dapper adds itself (DynamicParameters).
            foreach (var instant in new[] { typeof(DateTimeOffset), typeof(DateTime) })
            {
                SqlMapper.RemoveTypeMap(instant);
                SqlMapper.RemoveTypeMap(typeof(Nullable<>).MakeGenericType(instant));
                AddHandler(instant);
            }

            foreach (var json in new[] { typeof(JsonDocument), typeof(JsonElement), typeof(JsonNode), typeof(JsonObject), typeof(JsonArray), typeof(JsonValue) })
                AddHandler(json);

            // Arrays and lists of scalars: lists need converting on read, and both must reach PostgreSQL as one array
            // parameter (`= ANY(@ids)`), not as Dapper's expanded list of parameters.
            foreach (var element in ColumnTypes.ScalarTypes.Where(type => type != typeof(byte[])))
            {
                AddHandler(element.MakeArrayType());
                AddHandler(typeof(List<>).MakeGenericType(element));
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
        type.IsClass && type != typeof(string) && type != typeof(object) && !type.IsArray && !s_converters.ContainsKey(type)
        && ColumnTypes.CollectionElement(type) is null && !ColumnTypes.IsImplicitJson(type);

    /// <summary>Adds what a member of <paramref name="type"/> needs; call under <see cref="s_lock"/>.</summary>
    private static void AddHandlersFor(Type type, bool jsonb)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (jsonb || ColumnTypes.IsImplicitJson(underlying))
        {
            // JSON text in a string needs nothing, and a scalar is never jsonb. A type that already has a handler
            // (List<string>, for a text[] column elsewhere) keeps it: Dapper's handlers are per type, and the array
            // converters read JSON text too.
            if (underlying != typeof(string) && !ColumnTypes.IsScalar(underlying) && !s_converters.ContainsKey(underlying))
                AddHandler(ValueConverters.Jsonb(underlying));
            return;
        }
        if (ColumnTypes.CollectionElement(underlying) is { IsEnum: true })
            AddHandler(underlying);
    }

    private static void AddHandler(Type type) =>
        AddHandler(ValueConverters.ForType(type) ?? throw new InvalidOperationException($"{TypeNames.Display(type)} has no Aksara mapping."));

    private static void AddHandler(ValueConverter converter)
    {
        if (!s_converters.TryAdd(converter.ValueType, converter))
            return;
        var handler = (SqlMapper.ITypeHandler)Activator.CreateInstance(typeof(ConverterTypeHandler<>).MakeGenericType(converter.ValueType), converter)!;
        SqlMapper.AddTypeHandler(converter.ValueType, handler);
    }

    /// <summary>The converter Dapper reads <paramref name="type"/> with (arrays, lists, jsonb, DateTimeOffset), if Aksara registered one.</summary>
    internal static ValueConverter? ConverterFor(Type type) => s_converters.GetValueOrDefault(type);
}
