using Aksara.Models;
using Aksara.Models.Mapping;

namespace Aksara.Migrations.Schema;

/// <summary>The schema the application's models describe, read from <see cref="ModelMetadata"/>: what <c>makemigrations</c> diffs against the snapshot.</summary>
internal static class SchemaFromModels
{
    /// <param name="defaultSchema">The schema of models without one of their own (<c>Aksara:Schema</c>), from configuration: the scripts name it, so they do not depend on the migrating connection's search_path.</param>
    public static DatabaseSchema Build(IEnumerable<Type> modelTypes, string defaultSchema = AksaraOptions.DefaultSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultSchema);
        var models = modelTypes.Distinct().Select(ModelMetadata.For).ToList();
        return new DatabaseSchema(models.Select(model => Table(model, defaultSchema)), EnumTypes(models));
    }

    /// <summary>The <c>[PgEnum]</c> types the columns use; two C# enums may not claim one PostgreSQL type.</summary>
    private static IEnumerable<EnumTypeSchema> EnumTypes(IEnumerable<ModelMetadata> models)
    {
        var types = new Dictionary<QualifiedName, PgEnumType>();
        foreach (var type in models.SelectMany(model => model.Columns).Select(column => column.EnumType).OfType<PgEnumType>())
        {
            var name = new QualifiedName(type.Schema, type.Name);
            if (types.TryGetValue(name, out var other) && other.ClrType != type.ClrType)
            {
                throw new AksaraConfigurationException(
                    $"Enums {other.ClrType.FullName} and {type.ClrType.FullName} both have [PgEnum(\"{type.Name}\")] in schema {type.Schema}. One PostgreSQL enum type has one C# enum: use one of them in both places, or give the other another name.");
            }
            types[name] = type;
        }
        return types.Values.Select(type => new EnumTypeSchema(type.Schema, type.Name, type.Labels));
    }

    private static TableSchema Table(ModelMetadata model, string defaultSchema)
    {
        var table = model.TableName;
        var columns = model.Columns
            .Select(column => new ColumnSchema(column.Name, SqlTypes.Normalize(column.SqlType), column.IsNullable, column.DefaultSql) { RenamedFrom = column.RenamedFrom, Identity = column.IsIdentity })
            .ToList();
        var primaryKey = model.PrimaryKey.Count == 0
            ? null
            : new PrimaryKeySchema(model.PrimaryKeyName, model.PrimaryKey.Select(column => column.Name).ToList());
        var unique = model.UniqueConstraints
            .Select(constraint => new UniqueConstraintSchema(constraint.Name, constraint.Columns))
            .ToList();
        var indexes = model.Indexes
            .Select(index => new IndexSchema(index.Name, index.Columns, index.Method, index.IsUnique, index.Where, index.Expression))
            .ToList();
        var foreignKeys = model.Columns
            .Where(column => column.ForeignKey is not null)
            .Select(column => ForeignKey(model, column, defaultSchema))
            .ToList();
        var checks = model.Checks.Select(check => new CheckConstraintSchema(check.Name, check.Sql)).ToList();
        return new TableSchema(model.Schema ?? defaultSchema, table, columns, primaryKey, unique, indexes, foreignKeys, checks) { RenamedFrom = model.RenamedFrom, PartitionBy = model.PartitionBy };
    }

    private static ForeignKeySchema ForeignKey(ModelMetadata model, ColumnMetadata column, string defaultSchema)
    {
        var target = ModelMetadata.For(column.ForeignKey!.TargetType);
        if (target.PrimaryKey.Count != 1)
        {
            throw new AksaraConfigurationException(
                $"{model.ClrType.Name}.{column.Property.Name} has [ForeignKey(typeof({target.ClrType.Name}))], but {target.ClrType.Name} has "
                + $"{(target.PrimaryKey.Count == 0 ? "no primary key" : "a composite primary key")}. A foreign key references a single-column primary key.");
        }
        return new ForeignKeySchema(
            column.ForeignKey.Name,
            [column.Name],
            target.Schema ?? defaultSchema,
            target.TableName,
            [target.PrimaryKey[0].Name],
            column.ForeignKey.OnDelete,
            column.ForeignKey.OnUpdate);
    }
}
