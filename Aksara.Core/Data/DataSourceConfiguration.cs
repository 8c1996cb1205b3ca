using Aksara.Models.Materialization;
using Npgsql;

namespace Aksara.Data;

/// <summary>Type-mapping setup every Aksara data source shares (JSON, enums, arrays).</summary>
internal static class DataSourceConfiguration
{
    internal static void Apply(NpgsqlDataSourceBuilder builder)
    {
        // Npgsql's own System.Text.Json handling (JsonDocument/JsonElement parameters, and JsonNode and POCOs, which
        // need EnableDynamicJson since Npgsql 8) uses the same options as Aksara's jsonb columns.
        builder.ConfigureJsonOptions(AksaraJson.Options);
        builder.EnableDynamicJson();

        // Dapper materializes every row Aksara reads; teach it the model mapping before the first query.
        DapperIntegration.EnsureInstalled();
    }
}
