using Npgsql;

namespace Aksara;

/// <summary>Type-mapping setup every Aksara data source shares (JSON, enums, arrays).</summary>
internal static class DataSourceConfiguration
{
    internal static void Apply(NpgsqlDataSourceBuilder builder)
    {
        _ = builder;
    }
}
