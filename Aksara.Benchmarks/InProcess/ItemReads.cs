using System.Data.Common;

namespace Aksara.Benchmarks;

/// <summary>SQL and the hand-written reader for <see cref="Item"/> rows, shared by the item benchmarks.</summary>
internal static class ItemReads
{
    internal const string Columns = "id, seq, name, email, price, is_active, created_at";
    internal const string ById = "SELECT " + Columns + " FROM items WHERE id = $1";
    internal const string After = "SELECT " + Columns + " FROM items WHERE seq > $1 ORDER BY seq LIMIT 100";
    internal const string DapperById = "SELECT " + Columns + " FROM items WHERE id = @id";
    internal const string DapperAfter = "SELECT " + Columns + " FROM items WHERE seq > @after ORDER BY seq LIMIT 100";
    internal const int RangeSize = 100;

    /// <summary>Typed getters, no boxing: the baseline's mapping, over Npgsql and over the in-memory reader alike.</summary>
    internal static Item Read(DbDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Seq = reader.GetInt32(1),
        Name = reader.GetString(2),
        Email = reader.GetString(3),
        Price = reader.GetDecimal(4),
        IsActive = reader.GetBoolean(5),
        CreatedAt = reader.GetDateTime(6),
    };
}
