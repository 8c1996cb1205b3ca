using System.Text;
using Aksara.Cli.Setup;

namespace Aksara.Cli.Commands;

/// <summary>dbsetup's terminal: the process console, with output going where the invocation says.</summary>
internal sealed class ConsoleSetupTerminal(TextWriter output) : ISetupTerminal
{
    public bool IsInteractive => !Console.IsInputRedirected;

    public TextWriter Output => output;

    public string? ReadLine() => Console.In.ReadLine();

    public string? ReadSecret()
    {
        if (Console.IsInputRedirected)
            return Console.In.ReadLine();
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    return secret.ToString();
                case ConsoleKey.Backspace:
                    if (secret.Length > 0)
                        secret.Length--;
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                        secret.Append(key.KeyChar);
                    break;
            }
        }
    }
}
