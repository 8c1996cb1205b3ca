using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Aksara.Tests.Starter;

/// <summary>
/// The built starter app running in a child process as <c>dotnet run</c> would run it (Development, the project folder
/// as content root), on a free loopback port, against the database a test gives it.
/// </summary>
internal sealed partial class StarterApp : IAsyncDisposable
{
    readonly Process _process;
    readonly StringBuilder _output;

    StarterApp(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>Everything the app wrote so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static async Task<StarterApp> StartAsync(string databaseUrl, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null) =>
        await StartAsync(await StarterProject.GetAssemblyAsync(), StarterProject.Directory, databaseUrl, environment, settings);

    /// <summary>The starter built into <paramref name="assembly"/> (a publish folder's, say), run from <paramref name="workingDirectory"/>.</summary>
    /// <param name="databaseUrl">Null: none, so that the Development app starts the project's local database.</param>
    /// <param name="settings">More environment variables for the app.</param>
    public static async Task<StarterApp> StartAsync(string assembly, string workingDirectory, string? databaseUrl, string environment,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = DotnetCli.StartInfo(workingDirectory, [assembly, "--urls", "http://127.0.0.1:0"], Environment(databaseUrl, environment, settings));

        var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.AppendLine(line);
            if (ListeningOn().Match(line) is { Success: true } match)
                listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != listening.Task)
        {
            var reason = first == exited ? $"exited with code {process.ExitCode}" : "did not start listening within 60 s";
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            string text;
            lock (output)
                text = output.ToString();
            process.Dispose();
            throw new InvalidOperationException($"The starter app {reason}:{System.Environment.NewLine}{text}");
        }
        return new StarterApp(process, output, await listening.Task);
    }

    /// <summary>The variables of a starter run: its environment name and, unless null, the database URL.</summary>
    public static Dictionary<string, string> Environment(string? databaseUrl, string environment, IReadOnlyDictionary<string, string>? settings = null)
    {
        var variables = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["ASPNETCORE_ENVIRONMENT"] = environment };
        if (databaseUrl is not null)
        {
            // Both, so that neither a developer's .env in the project folder nor the machine's environment wins.
            variables["DATABASE_URL"] = databaseUrl;
            variables["AKSARA_DATABASE_URL"] = databaseUrl;
        }
        return variables;
    }

    /// <summary>
    /// Stops the app as a service manager does, with SIGTERM, so that it shuts down gracefully (the server drains, the
    /// pools close, telemetry is flushed); returns its exit code.
    /// </summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited && !UnixSignal.Terminate(_process.Id))
            throw new InvalidOperationException($"SIGTERM to the starter app failed: errno {Marshal.GetLastPInvokeError()}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The starter app did not stop within 60 s of SIGTERM:{System.Environment.NewLine}{Output}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
