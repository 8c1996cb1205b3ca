using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Aksara.Cli.Output;

/// <summary>
/// Says on stderr which long step is running (a build, a migration script, a concurrent index build): each line written
/// to it names the next step. On a terminal the step stays on one line, redrawn with the seconds it has taken and
/// cleared when the next starts or the progress line is disposed; elsewhere (a log, a pipe) each step is one plain line,
/// without carriage returns.
/// </summary>
internal sealed class ProgressLine : TextWriter
{
    private static readonly TimeSpan s_redrawEvery = TimeSpan.FromSeconds(1);

    private readonly TextWriter _error;
    private readonly TerminalStyle _style;
    private readonly Lock _lock = new();
    private readonly Timer? _timer;
    private readonly StringBuilder _pending = new();
    private readonly Stopwatch _elapsed = new();
    private string? _step;

    public ProgressLine(TextWriter error)
        : this(error, TerminalStyle.For(error), s_redrawEvery)
    {
    }

    /// <param name="style">How <paramref name="error"/> is to be written to; tests pass a terminal's.</param>
    /// <param name="redrawEvery">How often a terminal's line shows the seconds spent; <see cref="Timeout.InfiniteTimeSpan"/> never.</param>
    internal ProgressLine(TextWriter error, TerminalStyle style, TimeSpan redrawEvery)
    {
        _error = error;
        _style = style;
        if (_style.IsTerminal)
            _timer = new Timer(_ => Redraw(), null, redrawEvery, redrawEvery);
    }

    public override Encoding Encoding => _error.Encoding;

    /// <summary>Starts the step <paramref name="step"/>, ending the one before.</summary>
    public void Step(string step)
    {
        lock (_lock)
        {
            _step = step;
            _elapsed.Restart();
            if (_style.IsTerminal)
                _error.Write(TerminalStyle.ClearLine + _style.Dim(step));
            else
                _error.WriteLine(step);
        }
    }

    /// <summary>Ends the current step: a terminal's line is cleared, so that what follows starts at its beginning.</summary>
    public void Done()
    {
        lock (_lock)
        {
            if (_step is not null && _style.IsTerminal)
                _error.Write(TerminalStyle.ClearLine);
            _step = null;
        }
    }

    /// <summary>Writes <paramref name="line"/> to stderr without breaking the step: on a terminal the step is drawn again below it.</summary>
    public void WriteAbove(string line)
    {
        lock (_lock)
        {
            if (_step is not null && _style.IsTerminal)
            {
                _error.WriteLine(TerminalStyle.ClearLine + line);
                _error.Write(_style.Dim(_step));
            }
            else
            {
                _error.WriteLine(line);
            }
        }
    }

    public override void Write(char value)
    {
        if (value == '\n')
        {
            var line = _pending.ToString().TrimEnd('\r');
            _pending.Clear();
            Step(line);
        }
        else
        {
            _pending.Append(value);
        }
    }

    public override void WriteLine(string? value) => Step(value ?? "");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
            Done();
        }
        base.Dispose(disposing);
    }

    private void Redraw()
    {
        lock (_lock)
        {
            if (_step is null)
                return;
            var seconds = ((int)_elapsed.Elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            _error.Write(TerminalStyle.ClearLine + _style.Dim($"{_step} {seconds}s"));
        }
    }
}
