using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aksara.Cli.Output;

/// <summary>
/// How every <c>--json</c> document is written: indented, snake_case names (chosen where each document is built), and
/// relaxed escaping so that <c>+</c> in a timestamp or <c>&amp;</c> in a URL stays as typed instead of <c>\u002B</c>: the
/// output goes to a terminal or a JSON parser, never into HTML.
/// </summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode document) => document.ToJsonString(Options);

    public static void Write(TextWriter output, JsonNode document) => output.WriteLine(Serialize(document));

    /// <summary>The document of a command that failed before it had anything to report: <c>{"successful": false, "error": {…}}</c>.</summary>
    public static JsonObject Failure(CliProblem problem) => new() { ["successful"] = false, ["error"] = problem.ToJson() };
}
