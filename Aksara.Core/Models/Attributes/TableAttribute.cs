namespace Aksara;

/// <summary>Maps a class to a table. Without it, a <see cref="Model"/> maps to the snake_case plural of its name (<c>BlogPost</c> → <c>blog_posts</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TableAttribute(string? name = null) : Attribute
{
    public string? Name { get; } = name;

    /// <summary>The PostgreSQL schema; <c>public</c> when not set.</summary>
    public string? Schema { get; set; }

    /// <summary>
    /// Makes it a partitioned table: the partitioning as SQL, written as is (<c>RANGE (created_at)</c>, <c>LIST (region)</c>,
    /// <c>HASH (id)</c>). Its partitions are created by hand (or by an adopted database's baseline).
    /// </summary>
    public string? PartitionBy { get; set; }
}
