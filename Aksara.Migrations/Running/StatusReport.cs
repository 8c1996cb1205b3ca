using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aksara.Migrations.Running;

/// <summary>
/// Renders <see cref="MigrationStatus"/> lists: <c>[X] 0001_initial  2026-11-27 10:31</c> for people (with <c>(irreversible)</c>
/// after a migration that cannot be reverted), JSON for machines.
/// </summary>
internal static class StatusReport
{
    public static string ToText(IReadOnlyList<MigrationStatus> statuses)
    {
        if (statuses.Count == 0)
            return "No migrations.";
        var width = statuses.Max(status => status.Name.Length);
        return string.Join(Environment.NewLine, statuses.Select(status => status.State switch
        {
            MigrationState.Applied => $"[X] {status.Name.PadRight(width)}  {When(status)}{Irreversible(status)}",
            MigrationState.Pending => $"[ ] {status.Name.PadRight(width)}{Irreversible(status)}",
            MigrationState.Modified when status.DownModified => $"[!] {status.Name.PadRight(width)}  down script modified after it was applied ({When(status)})",
            MigrationState.InProgress => $"[~] {status.Name.PadRight(width)}  interrupted: resolve with `aksara migrate --resolve {status.Name} --applied|--rolled-back`",
            MigrationState.Modified => $"[!] {status.Name.PadRight(width)}  modified after it was applied ({When(status)})",
            _ => $"[?] {status.Name.PadRight(width)}  applied but missing ({When(status)})",
        }).Select(line => line.TrimEnd()));
    }

    /// <summary><c>{"migrations": [{"name", "state", "applied_at", "execution_ms", "reversible"}, …]}</c>, snake_case like every <c>--json</c> of the CLI.</summary>
    public static JsonObject ToJson(IReadOnlyList<MigrationStatus> statuses)
    {
        var migrations = new JsonArray();
        foreach (var status in statuses)
        {
            migrations.Add(new JsonObject
            {
                ["name"] = status.Name,
                ["state"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(status.State.ToString()),
                ["applied_at"] = status.AppliedAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                ["execution_ms"] = status.ExecutionTime is { } time ? (long)time.TotalMilliseconds : null,
                ["reversible"] = status.Reversible,
            });
        }
        return new JsonObject { ["migrations"] = migrations };
    }

    private static string Irreversible(MigrationStatus status) => status.Reversible ? "" : "  (irreversible)";

    private static string When(MigrationStatus status) =>
        (status.AppliedAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "")
        + (status.AppliedAt is not null && status.ExecutionTime is null ? " (faked)" : "");
}
