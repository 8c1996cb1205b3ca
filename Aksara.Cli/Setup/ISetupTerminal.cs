namespace Aksara.Cli.Setup;

/// <summary>Where dbsetup talks to the user; the CLI uses the console, tests a script.</summary>
internal interface ISetupTerminal
{
    /// <summary>False when input is redirected: nothing can be asked, every value must come from a flag.</summary>
    bool IsInteractive { get; }

    TextWriter Output { get; }

    /// <summary>A line of input (a prompt's answer, or the password for --password-stdin); null at end of input.</summary>
    string? ReadLine();

    /// <summary>A line typed without echo, for passwords.</summary>
    string? ReadSecret();
}
