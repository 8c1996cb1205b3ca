using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aksara.Cli.Output;
using Aksara.Configuration;
using Humanizer;

namespace Aksara.Cli.Commands;

/// <summary>What <c>aksara config</c> shows: the effective settings, the password masked, and the source of each value.</summary>
internal sealed class ConfigurationReport
{
    private readonly JsonObject _values;
    private readonly IReadOnlyDictionary<string, string> _sources;

    private ConfigurationReport(JsonObject values, IReadOnlyDictionary<string, string> sources, IReadOnlyList<CliProblem> warnings)
    {
        _values = values;
        _sources = sources;
        Warnings = warnings;
    }

    /// <summary>Settings that work but probably not as meant; printed to stderr, and in <c>--json</c> as <c>warnings</c>.</summary>
    internal IReadOnlyList<CliProblem> Warnings { get; }

    /// <summary>Throws <see cref="AksaraConfigurationException"/> when no database URL is set or it does not parse.</summary>
    internal static ConfigurationReport Create(ResolvedSettings settings)
    {
        var options = settings.Options;
        var url = DatabaseUrl.Parse(settings.RequireDatabaseUrl());
        var connection = url.ToConnectionStringBuilder();
        var first = url.Hosts[0];
        var hosts = new JsonArray(url.Hosts.Select(h => (JsonNode)new JsonObject { ["host"] = h.Host, ["port"] = h.Port ?? 5432 }).ToArray());
        var values = new JsonObject
        {
            ["database_url"] = url.ToMaskedString(),
            ["host"] = first.Host,
            ["hosts"] = hosts,
            ["port"] = first.Port ?? 5432,
            ["database"] = connection.Database,
            ["username"] = connection.Username,
            ["password_set"] = !string.IsNullOrEmpty(connection.Password),
            ["ssl_mode"] = connection.SslMode.ToString(),
            ["application_name"] = string.IsNullOrEmpty(connection.ApplicationName) ? options.ApplicationName : connection.ApplicationName,
            ["schema"] = options.Schema,
            // What connections search: the URL's own search_path, else what Aksara sets for the models' schema.
            ["search_path"] = SearchPath.IsSetBy(url) ? connection.SearchPath ?? url.Options
                : options.PgBouncer == PgBouncerMode.Transaction ? null : SearchPath.For(options.Schema),
            ["target_session_attrs"] = url.TargetSessionAttributes,
            ["pgbouncer"] = options.PgBouncer.ToString().ToLowerInvariant(),
            ["pool_min_size"] = options.PoolMinSize,
            ["pool_max_size"] = options.PoolMaxSize,
            ["migrations_dir"] = options.MigrationsDir,
            ["command_timeout_seconds"] = options.CommandTimeoutSeconds,
            ["connection_timeout_seconds"] = options.ConnectionTimeoutSeconds,
            ["migrations_ddl_lock_timeout"] = options.Migrations.DdlLockTimeout,
            ["migrations_schema"] = options.JournalSchema,
            ["migrations_runtime_role"] = options.Migrations.RuntimeRole,
        };
        // A nested key (Migrations:DdlLockTimeout) reads as one snake_case name, like the values above.
        var sources = settings.Sources.ToDictionary(s => s.Key.Replace(":", "", StringComparison.Ordinal).Underscore(), s => s.Value);
        if (sources["migrations_schema"] == "default")
            sources["migrations_schema"] = "default: the models' schema";
        if (!string.IsNullOrEmpty(url.ApplicationName))
            sources["application_name"] = sources["database_url"];
        values["sources"] = new JsonObject(sources.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value)));
        var warnings = new[]
            {
                SearchPath.MismatchWarning(options) is { } mismatch ? new CliProblem("search_path_mismatch", mismatch) : null,
                SearchPath.PgBouncerWarning(options) is { } pgBouncer ? new CliProblem("pgbouncer_search_path", pgBouncer) : null,
            }.OfType<CliProblem>().ToList();
        values["warnings"] = new JsonArray(warnings.Select(warning => (JsonNode?)warning.ToJson()).ToArray());
        return new ConfigurationReport(values, sources, warnings);
    }

    internal string ToJson() => CliJson.Serialize(_values);

    internal string ToText()
    {
        var text = new StringBuilder();
        foreach (var pair in _values)
        {
            var (key, value) = (pair.Key, pair.Value);
            if (key is "sources" or "hosts" or "warnings")
                continue;
            var source = _sources.GetValueOrDefault(key);
            var line = string.Create(CultureInfo.InvariantCulture, $"{key,-28} {Display(value),-50} {(source is null ? "" : "(" + source + ")")}");
            text.AppendLine(line.TrimEnd());
        }
        return text.ToString().TrimEnd();
    }

    private static string Display(JsonNode? value) => value switch
    {
        null => "(not set)",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
