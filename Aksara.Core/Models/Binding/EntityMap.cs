using System.Linq.Expressions;

namespace Aksara.Models.Binding;

/// <summary>
/// The compiled accessors of model <typeparamref name="T"/>: for each column, a delegate that reads the property and
/// hands it, unboxed, to the column's <see cref="Values.Converters.ValueConverter"/>. Built once per type with expression trees, so the
/// CRUD and COPY paths do no reflection per call.
/// </summary>
internal sealed class EntityMap<T> where T : class
{
    private static EntityMap<T>? s_instance;

    private EntityMap(ModelMetadata metadata)
    {
        Metadata = metadata;
        Columns = metadata.Columns.Select((column, index) => new ColumnAccessor<T>(column, index)).ToArray();
        // In key order ([PrimaryKey(Order = n)]): a composite key's tuple lists its values as the key lists its columns.
        PrimaryKey = metadata.PrimaryKey.Select(key => Columns.Single(accessor => accessor.Column == key)).ToArray();
        Generated = Columns.Where(accessor => accessor.Column.IsDatabaseGenerated).ToArray();
        if (Generated.Length > 31)
        {
            throw new AksaraConfigurationException(
                $"Model {TypeNames.Display(typeof(T))} has {Generated.Length} columns with database defaults; Aksara supports at most 31. Remove [Default] from some of them.");
        }
        CopyColumns = CompileCopy(metadata.Columns);
        UpdatedAt = metadata.IsModelSubclass ? Columns.Single(accessor => accessor.Column.Property.Name == nameof(Model.UpdatedAt)) : null;
        CreatedAt = metadata.IsModelSubclass ? Columns.Single(accessor => accessor.Column.Property.Name == nameof(Model.CreatedAt)) : null;
    }

    /// <summary>The map of <typeparamref name="T"/>; throws <see cref="AksaraConfigurationException"/> for a type that is no valid model.</summary>
    internal static EntityMap<T> Instance => s_instance ??= new EntityMap<T>(ModelMetadata.For<T>());

    internal ModelMetadata Metadata { get; }

    /// <summary>In <see cref="ModelMetadata.Columns"/> order.</summary>
    internal ColumnAccessor<T>[] Columns { get; }

    internal ColumnAccessor<T>[] PrimaryKey { get; }

    /// <summary>The columns an insert may leave to the database (<see cref="ColumnMetadata.IsDatabaseGenerated"/>).</summary>
    internal ColumnAccessor<T>[] Generated { get; }

    /// <summary>For <see cref="Model"/> subclasses: <c>updated_at</c>, set by PostgreSQL on every update.</summary>
    internal ColumnAccessor<T>? UpdatedAt { get; }

    /// <summary>For <see cref="Model"/> subclasses: <c>created_at</c>, never changed by an update.</summary>
    internal ColumnAccessor<T>? CreatedAt { get; }

    /// <summary>Copies every mapped property from the second argument to the first: a row read back into the caller's entity.</summary>
    internal Action<T, T> CopyColumns { get; }

    /// <summary>
    /// A bit per <see cref="Generated"/> column that currently holds no value on <paramref name="entity"/>
    /// (and is therefore left to its database default).
    /// </summary>
    internal int UnsetGeneratedMask(T entity)
    {
        var mask = 0;
        for (var i = 0; i < Generated.Length; i++)
        {
            if (Generated[i].HoldsNoValue!(entity))
                mask |= 1 << i;
        }
        return mask;
    }

    private static Action<T, T> CompileCopy(IReadOnlyList<ColumnMetadata> columns)
    {
        var target = Expression.Parameter(typeof(T), "target");
        var source = Expression.Parameter(typeof(T), "source");
        var assignments = columns.Select(column =>
            (Expression)Expression.Assign(Expression.Property(target, column.Property), Expression.Property(source, column.Property)));
        return Expression.Lambda<Action<T, T>>(Expression.Block(assignments.DefaultIfEmpty(Expression.Empty())), target, source).Compile();
    }
}
