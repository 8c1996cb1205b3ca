using Aksara.Cli.Output;

namespace Aksara.Tests.Cli;

/// <summary>What a long step looks like on stderr: one line redrawn in place on a terminal, plain lines in a log.</summary>
public sealed class ProgressLineTests
{
    [Test]
    public void In_a_log_each_step_is_a_plain_line_without_carriage_returns_or_colour()
    {
        var log = new StringWriter();

        using (var progress = new ProgressLine(log))
        {
            progress.WriteLine("Building Shop.csproj…");
            progress.Step("Applying 0001_initial…");
            progress.WriteAbove("retry: customers is locked");
        }

        Assert.That(log.ToString(), Is.EqualTo(string.Join(Environment.NewLine, "Building Shop.csproj…", "Applying 0001_initial…", "retry: customers is locked", "")));
    }

    [Test]
    public void On_a_terminal_a_step_stays_on_one_line_that_is_cleared_when_it_ends()
    {
        var terminal = new StringWriter();

        using (var progress = new ProgressLine(terminal, TerminalStyle.Terminal(colour: false), Timeout.InfiniteTimeSpan))
        {
            progress.Step("Building Shop.csproj…");
            progress.Step("Applying 0001_initial…");
            progress.WriteAbove("retry: customers is locked");
        }

        var clear = "\r\u001b[2K";
        Assert.That(terminal.ToString(), Is.EqualTo(
            $"{clear}Building Shop.csproj…{clear}Applying 0001_initial…{clear}retry: customers is locked{Environment.NewLine}Applying 0001_initial…{clear}"),
            "each step overwrites the one before, a message goes above the step, which is drawn again, and the end leaves an empty line");
    }

    [Test]
    public void A_terminal_line_is_redrawn_with_the_seconds_spent()
    {
        var terminal = new StringWriter();
        using var redrawn = new SemaphoreSlim(0);
        var progress = new ProgressLine(new RedrawSignal(terminal, redrawn), TerminalStyle.Terminal(colour: false), TimeSpan.FromMilliseconds(10));

        progress.Step("Applying 0002_build_indexes…");
        Assert.That(redrawn.Wait(TimeSpan.FromMinutes(1)), Is.True, "the timer redraws the line");
        progress.Dispose();

        Assert.That(terminal.ToString(), Does.Match(@"\r\u001b\[2KApplying 0002_build_indexes… \d+s"));
        Assert.That(terminal.ToString(), Does.Not.Contain(Environment.NewLine));
    }

    [Test]
    public void A_colour_terminal_dims_the_step()
    {
        var terminal = new StringWriter();

        using (var progress = new ProgressLine(terminal, TerminalStyle.Terminal(colour: true), Timeout.InfiniteTimeSpan))
            progress.Step("Applying 0001_initial…");

        Assert.That(terminal.ToString(), Does.Contain("\u001b[2mApplying 0001_initial…\u001b[0m"));
    }

    /// <summary>A writer that signals each redraw: a write that ends in the seconds spent.</summary>
    private sealed class RedrawSignal(StringWriter inner, SemaphoreSlim redrawn) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value)
        {
            inner.Write(value);
            if (value is not null && value.EndsWith('s') && value.Contains("… ", StringComparison.Ordinal))
                redrawn.Release();
        }
    }
}
