namespace Aksara.Cli.Output;

/// <summary>
/// Whether a writer may carry colour and redraws, decided here and nowhere else. Only the process's own stdout or stderr
/// can, and only while it is a terminal: redirected to a file, a pipe or a CI log it gets plain text, and so does any
/// other writer (a test's). <c>NO_COLOR</c> (any non-empty value, see no-color.org) turns colour off everywhere;
/// <c>AKSARA_FORCE_COLOR</c> turns it on for a redirected stream (a CI log that renders ANSI), never redraws.
/// </summary>
internal sealed class TerminalStyle
{
    private const string Escape = "\u001b[";

    public static readonly TerminalStyle Plain = new(colour: false, isTerminal: false);

    private readonly bool _colour;

    private TerminalStyle(bool colour, bool isTerminal)
    {
        _colour = colour;
        IsTerminal = isTerminal;
    }

    /// <summary>True when the writer is a terminal that a progress line may redraw in place (carriage returns).</summary>
    public bool IsTerminal { get; }

    /// <summary>The style of a terminal, whatever the writer: for tests of what a terminal is sent.</summary>
    internal static TerminalStyle Terminal(bool colour) => new(colour, isTerminal: true);

    public static TerminalStyle For(TextWriter writer)
    {
        bool? redirected = ReferenceEquals(writer, Console.Out) ? Console.IsOutputRedirected
            : ReferenceEquals(writer, Console.Error) ? Console.IsErrorRedirected
            : null;
        if (redirected is null)
            return Plain;
        var isTerminal = redirected == false;
        var colour = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && (isTerminal || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AKSARA_FORCE_COLOR")));
        return new TerminalStyle(colour, isTerminal);
    }

    /// <summary><c>error: message</c>, the prefix in bold red.</summary>
    public string Error(string message) => $"{Paint("error:", "1;31")} {message}";

    /// <summary><c>warning: message</c>, the prefix in bold yellow.</summary>
    public string Warning(string message) => $"{Paint("warning:", "1;33")} {message}";

    public string Success(string text) => Paint(text, "32");

    public string Attention(string text) => Paint(text, "33");

    public string Danger(string text) => Paint(text, "31");

    public string Bold(string text) => Paint(text, "1");

    public string Dim(string text) => Paint(text, "2");

    /// <summary>Clears the line the cursor is on (after a carriage return); only ever written to a terminal.</summary>
    public static string ClearLine => "\r" + Escape + "2K";

    private string Paint(string text, string sgr) => _colour && text.Length > 0 ? $"{Escape}{sgr}m{text}{Escape}0m" : text;
}
