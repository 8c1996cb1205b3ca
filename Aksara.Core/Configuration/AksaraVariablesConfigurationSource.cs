using Microsoft.Extensions.Configuration;

namespace Aksara.Configuration;

/// <summary>
/// Maps <c>DATABASE_URL</c> and the <c>AKSARA_*</c> variables onto the <c>Aksara:*</c> configuration keys,
/// from the process environment or from a <c>.env</c> file.
/// </summary>
internal sealed class AksaraVariablesConfigurationSource(string displayName, Func<IDictionary<string, string?>> readVariables)
    : IConfigurationSource
{
    public string DisplayName { get; } = displayName;

    private IDictionary<string, string?> ReadVariables() => readVariables();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    internal static AksaraVariablesConfigurationSource FromEnvironment() =>
        new("environment", () =>
        {
            var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (name, _) in AksaraEnvironmentVariables.All.Concat(AksaraEnvironmentVariables.Lists))
                variables[name] = Environment.GetEnvironmentVariable(name);
            return variables;
        });

    internal static AksaraVariablesConfigurationSource FromDotEnvFile(string path) =>
        new(path, () => DotEnvFile.Read(path));

    private sealed class Provider(AksaraVariablesConfigurationSource source) : ConfigurationProvider
    {
        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var variables = source.ReadVariables();
            foreach (var (name, option) in AksaraEnvironmentVariables.All)
            {
                if (variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
                    data[AksaraEnvironmentVariables.ConfigurationKey(option)] = value;
            }
            foreach (var (name, option) in AksaraEnvironmentVariables.Lists)
            {
                if (!variables.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
                    continue;
                var items = AksaraEnvironmentVariables.Items(value);
                for (var i = 0; i < items.Length; i++)
                    data[$"{AksaraEnvironmentVariables.ConfigurationKey(option)}:{i}"] = items[i];
            }
            Data = data;
        }

        public override string ToString() => source.DisplayName;
    }
}
