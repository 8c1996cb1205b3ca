namespace Aksara.Cli.Output;

/// <summary>The <c>error:</c> and <c>warning:</c> lines every command writes to stderr, styled as <see cref="TerminalStyle"/> decides.</summary>
internal static class TerminalWriterExtensions
{
    public static void WriteError(this TextWriter error, string message) => error.WriteLine(TerminalStyle.For(error).Error(message));

    public static void WriteWarning(this TextWriter error, string message) => error.WriteLine(TerminalStyle.For(error).Warning(message));
}
