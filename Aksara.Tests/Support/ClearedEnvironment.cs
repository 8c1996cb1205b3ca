namespace Aksara.Tests;

/// <summary>
/// Unsets environment variables (and the code settings of <see cref="AksaraSettings"/>) for one test, and puts them
/// back when disposed, so that configuration comes only from what the test writes.
/// </summary>
public sealed class ClearedEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _saved = new();

    public ClearedEnvironment(params string[] names)
    {
        foreach (var name in names)
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null);
        }
        AksaraSettings.Reset();
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
            Environment.SetEnvironmentVariable(name, value);
        AksaraSettings.Reset();
    }
}
