using System.Text.Json.Serialization;

namespace Aksara.Benchmarks.Http;

/// <summary>Source-generated JSON for the responses, shared by every variant.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(World))]
[JsonSerializable(typeof(World[]))]
public sealed partial class BenchmarkJsonContext : JsonSerializerContext;
