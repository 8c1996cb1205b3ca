using System.Text.Json;
using Aksara;

namespace AksaraWorker.Models;

/// <summary>
/// Table <c>jobs</c>: work to do, as a name and a jsonb payload. A row whose <see cref="FinishedAt"/> is null is
/// pending; <see cref="JobWorker"/> claims it and sets it.
/// </summary>
[Index(nameof(CreatedAt), Where = "finished_at IS NULL", Name = "ix_jobs_pending")]
public sealed class Job : Model
{
    public string Name { get; set; } = "";

    [Jsonb]
    public JsonElement? Payload { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
