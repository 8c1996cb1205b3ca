using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using System.Text;
using Aksara.Models.Mapping;
using Aksara.Values.Converters;

namespace Aksara.Models;

/// <summary>
/// Reads a model class's attributes into <see cref="ModelMetadata"/>. Everything that cannot work is an
/// <see cref="AksaraConfigurationException"/> here, naming the class, the property and the fix, rather than a
/// PostgreSQL error at the first query.
/// </summary>
internal static class ModelMetadataBuilder
{
    /// <summary>What is known about a column before its binder is made.</summary>
    internal sealed class ColumnDraft(Type modelType, PropertyInfo property, string name)
    {
        public Type ModelType { get; } = modelType;
        public PropertyInfo Property { get; } = property;
        public string Name { get; } = name;
        public bool IsNullable { get; init; }
        public string? DefaultSql { get; init; }
        public PrimaryKeyAttribute? PrimaryKey { get; init; }
        public bool IsPrimaryKey => PrimaryKey is not null;
        public bool IsUnique { get; init; }
        public bool IsIdentity { get; set; }
        public ForeignKeyMetadata? ForeignKey { get; init; }
        public string? RenamedFrom { get; init; }
        public int MaxLength { get; init; }
        public int Precision { get; init; }
        public int Scale { get; init; }
        public bool HasExplicitType { get; init; }
    }

    private static readonly Lock s_nullabilityLock = new();
    private static readonly NullabilityInfoContext s_nullability = new();

    internal static ModelMetadata Build(Type type)
    {
        if (!ModelMetadata.IsModelType(type))
        {
            throw Error(type, null,
                type.IsAbstract || type.ContainsGenericParameters
                    ? "is abstract or generic, so it maps to no table. Map a concrete class."
                    : "is not a model. Derive it from Aksara.Model, or mark it [Table] and its key property [PrimaryKey].");
        }

        var tableAttribute = type.GetCustomAttribute<TableAttribute>(inherit: false);
        var tableName = tableAttribute?.Name ?? Naming.Table(type);
        var schema = tableAttribute?.Schema ?? type.Assembly.GetCustomAttribute<AksaraModuleAttribute>()?.Schema;
        CheckIdentifier(type, null, tableName, "table name");
        if (schema is not null)
            CheckIdentifier(type, null, schema, "schema");

        var types = new List<(ColumnDraft Draft, ColumnType Type)>();
        foreach (var property in MappedProperties(type))
            types.Add(Draft(type, tableName, property));

        var drafts = types.Select(pair => pair.Draft).ToList();
        var keyName = CheckKeys(type, tableName, drafts);
        CheckDuplicates(type, drafts);

        var columns = types
            .Select(pair => new ColumnMetadata(pair.Draft, pair.Type, ValueConverters.Create(pair.Draft.Property.PropertyType, pair.Type, Describe(pair.Draft))))
            .ToArray();
        var byProperty = columns.ToDictionary(column => column.Property.Name, StringComparer.Ordinal);
        var byName = columns.ToDictionary(column => column.Name, StringComparer.Ordinal);
        var primaryKey = KeyOrder(columns);

        return new ModelMetadata(
            type,
            schema,
            tableName,
            type.GetCustomAttribute<RenamedFromAttribute>(inherit: false)?.OldName,
            columns,
            primaryKey,
            keyName,
            UniqueConstraints(type, tableName, columns, primaryKey, byProperty, byName),
            Indexes(type, tableName, columns, byProperty, byName),
            Checks(type, tableName))
        {
            PartitionBy = string.IsNullOrWhiteSpace(tableAttribute?.PartitionBy) ? null : tableAttribute.PartitionBy.Trim(),
        };
    }

    /// <summary>Public instance properties with a setter and no [Ignore], base class first, each class in declaration order.</summary>
    private static List<PropertyInfo> MappedProperties(Type type)
    {
        var hierarchy = new Stack<Type>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            hierarchy.Push(current);

        var properties = new List<PropertyInfo>();
        while (hierarchy.TryPop(out var level))
        {
            var declared = level.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .OrderBy(property => property.MetadataToken);
            foreach (var property in declared)
            {
                // An override or a `new` property replaces the base one in place.
                var existing = properties.FindIndex(p => p.Name == property.Name);
                if (existing >= 0)
                    properties.RemoveAt(existing);
                if (!IsMapped(type, property))
                    continue;
                if (existing >= 0)
                    properties.Insert(existing, property);
                else
                    properties.Add(property);
            }
        }
        return properties;
    }

    private static bool IsMapped(Type type, PropertyInfo property)
    {
        if (property.GetIndexParameters().Length > 0 || property.IsDefined(typeof(IgnoreAttribute)))
            return false;
        if (property.SetMethod is not null && property.GetMethod is not null)
            return true;
        // Computed read-only properties are not columns, unless an attribute says the author meant one.
        if (property.IsDefined(typeof(ColumnAttribute)) || property.IsDefined(typeof(PrimaryKeyAttribute)) || property.IsDefined(typeof(JsonbAttribute)))
            throw Error(type, property, "has no setter, so rows cannot be read into it. Add a setter (init is enough), or [Ignore] to leave it out of the table.");
        return false;
    }

    private static (ColumnDraft, ColumnType) Draft(Type type, string table, PropertyInfo property)
    {
        var column = property.GetCustomAttribute<ColumnAttribute>();
        var jsonb = property.IsDefined(typeof(JsonbAttribute));
        if (jsonb && ColumnTypes.IsScalar(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
            throw Error(type, property, $"has [Jsonb], but {TypeNames.Display(property.PropertyType)} has a PostgreSQL type of its own. Remove [Jsonb].");
        if (column is not null && ColumnTypes.CheckFacets(property.PropertyType, column, jsonb) is { } misuse)
            throw Error(type, property, $"has [Column] with a setting that does not fit: {misuse}.");

        var columnType = ColumnTypes.Resolve(property.PropertyType, column, jsonb, out var problem)
            ?? throw Error(type, property,
                $"has type {TypeNames.Display(property.PropertyType)}, which maps to no PostgreSQL column type{(problem is null ? "" : $" ({problem})")}. " +
                "Add [Jsonb] to store it as jsonb, [Column(Type = \"…\")] to name a type Npgsql can write it as, or [Ignore] to leave it out of the table.");

        if (ColumnTypes.CollectionElement(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is { } element
            && PgEnumType.Of(element) is { } elementEnum && !jsonb)
        {
            throw Error(type, property,
                $"is an array of {TypeNames.Display(element)}, whose [PgEnum] makes it the PostgreSQL enum {elementEnum.SqlName}; arrays of PostgreSQL enums are not supported. "
                + "Store the values as [Jsonb], or use an enum without [PgEnum] (stored as text[]).");
        }

        var name = column?.Name ?? Naming.Column(property.Name);
        CheckIdentifier(type, property, name, "column name");
        if (columnType.EnumType is { } enumType)
            CheckEnumType(type, property, enumType);

        var foreignKey = property.GetCustomAttribute<ForeignKeyAttribute>();
        if (foreignKey is not null && !ModelMetadata.IsModelType(foreignKey.Target))
            throw Error(type, property, $"has [ForeignKey(typeof({TypeNames.Display(foreignKey.Target)}))], which is not a model. Point it at a Model subclass or a [Table] class.");
        if (foreignKey?.Name is { } foreignKeyName)
            CheckIdentifier(type, property, foreignKeyName, "foreign key name");

        var draft = new ColumnDraft(type, property, name)
        {
            IsNullable = IsNullable(property),
            DefaultSql = property.GetCustomAttribute<DefaultAttribute>()?.Sql,
            PrimaryKey = property.GetCustomAttribute<PrimaryKeyAttribute>(),
            IsUnique = property.GetCustomAttributes<UniqueAttribute>().Any(unique => unique.Properties.Count == 0),
            ForeignKey = foreignKey is null
                ? null
                : new ForeignKeyMetadata(foreignKey.Name ?? ConstraintNames.ForeignKey(table, name), foreignKey.Target, foreignKey.OnDelete, foreignKey.OnUpdate),
            RenamedFrom = property.GetCustomAttribute<RenamedFromAttribute>()?.OldName,
            MaxLength = column?.MaxLength ?? 0,
            Precision = column?.Precision ?? 0,
            Scale = column?.Scale ?? 0,
            HasExplicitType = column?.Type is not null,
        };
        return (draft, columnType);
    }

    private static bool IsNullable(PropertyInfo property)
    {
        if (property.PropertyType.IsValueType)
            return Nullable.GetUnderlyingType(property.PropertyType) is not null;
        NullabilityInfo info;
        // NullabilityInfoContext caches per instance and is not thread-safe.
        lock (s_nullabilityLock)
            info = s_nullability.Create(property);
        // Code compiled without nullable annotations ("unknown") may hold null, so its columns are nullable.
        return info.ReadState != NullabilityState.NotNull;
    }

    /// <summary>Checks the key properties and returns the key constraint's name.</summary>
    private static string CheckKeys(Type type, string table, List<ColumnDraft> drafts)
    {
        var keys = drafts.Where(draft => draft.IsPrimaryKey).ToList();
        if (keys.Count == 0)
            throw Error(type, null, "has no primary key. Mark the key property [PrimaryKey] (several for a composite key), or derive the class from Aksara.Model.");
        if (typeof(Model).IsAssignableFrom(type) && keys.FirstOrDefault(key => key.Property.Name != nameof(Model.Id)) is { } extra)
            throw Error(type, extra.Property, "is marked [PrimaryKey], but a Model is keyed by Id. Remove [PrimaryKey] (use [Unique] for another key), or use a [Table] class that does not derive from Model.");
        if (keys.FirstOrDefault(key => key.IsNullable) is { } nullable)
            throw Error(type, nullable.Property, "is a primary key but nullable. Make its type non-nullable.");

        // A lone integer key with no default of its own is numbered by PostgreSQL (GENERATED BY DEFAULT AS IDENTITY),
        // unless [DatabaseGenerated(DatabaseGeneratedOption.None)] says the application gives the values (a table made by hand).
        if (keys is [var only] && only.DefaultSql is null && only.ForeignKey is null
            && only.Property.GetCustomAttribute<DatabaseGeneratedAttribute>()?.DatabaseGeneratedOption != DatabaseGeneratedOption.None
            && (only.Property.PropertyType == typeof(int) || only.Property.PropertyType == typeof(long) || only.Property.PropertyType == typeof(short)))
        {
            only.IsIdentity = true;
        }

        var ordered = keys.Where(key => key.PrimaryKey!.HasOrder).ToList();
        if (ordered.Count > 0 && ordered.Count < keys.Count)
        {
            throw Error(type, keys.First(key => !key.PrimaryKey!.HasOrder).Property,
                $"is part of a composite primary key whose other properties set [PrimaryKey(Order = …)], but has no Order. Give every key property an Order, or none (declaration order).");
        }
        foreach (var group in ordered.GroupBy(key => key.PrimaryKey!.Order).Where(group => group.Count() > 1))
            throw Error(type, null, $"gives the key properties {string.Join(" and ", group.Select(key => key.Property.Name))} the same [PrimaryKey(Order = {group.Key})]. Give each a different Order.");

        var names = keys.Select(key => key.PrimaryKey!.Name).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > 1)
        {
            throw Error(type, null,
                $"names its primary key differently on its key properties ({string.Join(", ", names.Select(name => $"\"{name}\""))}). A table has one key constraint: set [PrimaryKey(Name = …)] on one key property, or the same on all.");
        }
        if (names is [var keyName])
        {
            CheckIdentifier(type, null, keyName, "primary key name");
            return keyName;
        }
        return ConstraintNames.PrimaryKey(table);
    }

    /// <summary>The key columns sorted by <c>[PrimaryKey(Order = n)]</c>; in declaration order when no Order is set.</summary>
    private static ColumnMetadata[] KeyOrder(IReadOnlyList<ColumnMetadata> columns) =>
        columns.Where(column => column.IsPrimaryKey).OrderBy(column => column.KeyOrder).ToArray();

    private static UniqueMetadata[] UniqueConstraints(
        Type type,
        string table,
        IReadOnlyList<ColumnMetadata> columns,
        IReadOnlyList<ColumnMetadata> primaryKey,
        Dictionary<string, ColumnMetadata> byProperty,
        Dictionary<string, ColumnMetadata> byName)
    {
        var constraints = new List<UniqueMetadata>();
        foreach (var column in columns)
        {
            foreach (var unique in column.Property.GetCustomAttributes<UniqueAttribute>())
            {
                // The key is unique already: a [Unique] on the lone key column adds nothing.
                if (unique.Properties.Count == 0 && unique.Name is null && primaryKey is [var key] && key == column)
                    continue;
                var names = new List<string> { column.Name };
                names.AddRange(unique.Properties.Select(property => Resolve(property, column.Property)));
                constraints.Add(Constraint(unique, names));
            }
        }
        foreach (var unique in type.GetCustomAttributes<UniqueAttribute>(inherit: true))
        {
            if (unique.Properties.Count == 0)
                throw Error(type, null, "has a [Unique] with no columns. Name them: [Unique(nameof(A), nameof(B))], or put [Unique] on a property.");
            constraints.Add(Constraint(unique, unique.Properties.Select(property => Resolve(property, null)).ToList()));
        }

        foreach (var group in constraints.GroupBy(constraint => constraint.Name, StringComparer.Ordinal).Where(group => group.Count() > 1))
            throw Error(type, null, $"declares two unique constraints named \"{group.Key}\". Give one of them another Name, or remove the duplicate.");
        return constraints.ToArray();

        UniqueMetadata Constraint(UniqueAttribute unique, List<string> names)
        {
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
                throw Error(type, null, $"has a [Unique] that names the column {names.GroupBy(name => name).First(group => group.Count() > 1).Key} twice. Name each column once.");
            if (unique.Name is not null)
                CheckIdentifier(type, null, unique.Name, "unique constraint name");
            return new UniqueMetadata(unique.Name ?? ConstraintNames.Unique(table, names), names);
        }

        string Resolve(string propertyOrColumn, PropertyInfo? on) =>
            (byProperty.GetValueOrDefault(propertyOrColumn) ?? byName.GetValueOrDefault(propertyOrColumn))?.Name
            ?? throw Error(type, on, $"has [Unique] naming \"{propertyOrColumn}\", which is no mapped property or column. Use nameof(…) of a mapped property.");
    }

    private static void CheckDuplicates(Type type, List<ColumnDraft> drafts)
    {
        foreach (var group in drafts.GroupBy(draft => draft.Name, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            var names = string.Join(" and ", group.Select(draft => draft.Property.Name));
            throw Error(type, null, $"maps {names} to the same column \"{group.Key}\". Give one of them another name with [Column(\"…\")].");
        }
    }

    private static IndexMetadata[] Indexes(
        Type type,
        string table,
        IReadOnlyList<ColumnMetadata> columns,
        Dictionary<string, ColumnMetadata> byProperty,
        Dictionary<string, ColumnMetadata> byName)
    {
        var indexes = new List<IndexMetadata>();
        foreach (var column in columns)
        {
            foreach (var index in column.Property.GetCustomAttributes<IndexAttribute>())
            {
                if (index.Expression is not null)
                    throw Error(type, column.Property, "has an [Index] with an Expression. An index on expressions goes on the class: [Index(Expression = \"…\", Name = \"…\")].");
                var names = new List<string> { column.Name };
                names.AddRange(index.Properties.Select(property => Resolve(property, index, column.Property)));
                indexes.Add(Index(index, names));
            }
        }
        foreach (var index in type.GetCustomAttributes<IndexAttribute>(inherit: true))
        {
            if (index.Expression is { } expression)
            {
                if (index.Properties.Count > 0 || string.IsNullOrWhiteSpace(expression) || index.Name is null)
                {
                    throw Error(type, null,
                        "has an [Index] on an expression that also names properties, or has no Name, or an empty Expression. Write [Index(Expression = \"lower(email)\", Name = \"ix_…\")]: the keys as SQL, and a name.");
                }
                CheckIdentifier(type, null, index.Name, "index name");
                indexes.Add(new IndexMetadata(index.Name, [], index.Method, index.Unique, index.Where, expression.Trim()));
                continue;
            }
            if (index.Properties.Count == 0)
                throw Error(type, null, "has an [Index] with no columns. Name them: [Index(nameof(A), nameof(B))], give its keys as SQL with Expression, or put [Index] on a property.");
            indexes.Add(Index(index, index.Properties.Select(property => Resolve(property, index, null)).ToList()));
        }

        foreach (var group in indexes.GroupBy(index => index.Name, StringComparer.Ordinal).Where(group => group.Count() > 1))
            throw Error(type, null, $"declares two indexes named \"{group.Key}\". Give one of them another Name, or remove the duplicate.");
        return indexes.ToArray();

        IndexMetadata Index(IndexAttribute index, List<string> names)
        {
            if (index.Name is not null)
                CheckIdentifier(type, null, index.Name, "index name");
            return new IndexMetadata(index.Name ?? ConstraintNames.Index(table, names, index.Unique), names, index.Method, index.Unique, index.Where);
        }

        string Resolve(string propertyOrColumn, IndexAttribute index, PropertyInfo? on) =>
            (byProperty.GetValueOrDefault(propertyOrColumn) ?? byName.GetValueOrDefault(propertyOrColumn))?.Name
            ?? throw Error(type, on, $"has [Index] naming \"{propertyOrColumn}\", which is no mapped property or column. Use nameof(…) of a mapped property.");
    }

    private static CheckMetadata[] Checks(Type type, string table)
    {
        var checks = type.GetCustomAttributes<CheckAttribute>(inherit: true).ToArray();
        var result = new CheckMetadata[checks.Length];
        for (var i = 0; i < checks.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(checks[i].Sql))
                throw Error(type, null, "has a [Check] with no SQL. Give it a predicate such as [Check(\"price >= 0\")].");
            if (checks[i].Name is { } name)
                CheckIdentifier(type, null, name, "check name");
            result[i] = new CheckMetadata(checks[i].Name ?? ConstraintNames.Check(table, i + 1), checks[i].Sql);
        }
        return result;
    }

    private static void CheckIdentifier(Type type, PropertyInfo? property, string identifier, string what)
    {
        if (string.IsNullOrWhiteSpace(identifier))
            throw Error(type, property, $"has an empty {what}. Give a name, or remove the attribute to use the default.");
        // PostgreSQL would silently truncate a longer name, and the model would then name a column that does not exist.
        if (Encoding.UTF8.GetByteCount(identifier) > ConstraintNames.MaxIdentifierBytes)
        {
            var how = what switch { "column name" => " with [Column(\"…\")]", "table name" => " with [Table(\"…\")]", _ => "" };
            throw Error(type, property, $"has the {what} \"{identifier}\", longer than PostgreSQL's 63 bytes. Choose a shorter one{how}.");
        }
    }

    private static void CheckEnumType(Type type, PropertyInfo property, PgEnumType enumType)
    {
        var where = $"[PgEnum] on {TypeNames.Display(enumType.ClrType)}";
        CheckIdentifier(type, property, enumType.Name, $"enum type name ({where})");
        CheckIdentifier(type, property, enumType.Schema, $"enum type schema ({where})");
        if (enumType.Labels.Count == 0)
            throw Error(type, property, $"has type {TypeNames.Display(enumType.ClrType)}, a [PgEnum] without members. PostgreSQL enums need at least one label: add a member.");
        foreach (var label in enumType.Labels)
            CheckIdentifier(type, property, label, $"enum label ({where})");
        if (enumType.Labels.GroupBy(label => label, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
            throw Error(type, property, $"has type {TypeNames.Display(enumType.ClrType)}, whose members share the label '{twice.Key}' ([PgName]). Give each member its own label.");
    }

    private static string Describe(ColumnDraft draft) => $"column \"{draft.Name}\" ({TypeNames.Display(draft.ModelType)}.{draft.Property.Name})";

    private static AksaraConfigurationException Error(Type type, PropertyInfo? property, string problem) =>
        new($"Model {TypeNames.Display(type)}{(property is null ? "" : $", property {property.Name},")} {problem}");
}
