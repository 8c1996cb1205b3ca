using System.Text.Json;

namespace Aksara.Benchmarks;

/// <summary>
/// The System.Text.Json settings the hand-written, Dapper and Aksara variants serialize jsonb with: the same as
/// Aksara's defaults (<see cref="JsonSerializerDefaults.Web"/>), so that they all write the same document.
/// </summary>
public static class BenchmarkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
