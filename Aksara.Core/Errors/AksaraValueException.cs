namespace Aksara;

/// <summary>
/// A value Aksara refuses before sending it, because PostgreSQL could not store it as given: text with the NUL
/// character, a <see cref="DateTime"/> that is not UTC, a <c>JsonElement</c> holding no JSON. In a web app it is a
/// client error (400). The message says where and why, and never contains the value.
/// </summary>
public sealed class AksaraValueException : ArgumentException
{
    private readonly string _detail;

    internal AksaraValueException(string target, string rule, string detail, Exception? innerException = null)
        : base($"{target}: {detail}", innerException)
    {
        Target = target;
        Rule = rule;
        _detail = detail;
    }

    /// <summary>Where the value was going: a column (<c>column posts.title</c>) or a parameter (<c>parameter $1</c>).</summary>
    public string Target { get; }

    /// <summary>The rule it breaks, short enough for a client to show: e.g. "text cannot contain the NUL character (U+0000)".</summary>
    public string Rule { get; }

    /// <summary>The same refusal, saying where in the caller's code it happened (a typed query's predicate).</summary>
    internal AksaraValueException In(string where) => new(Target, Rule, $"{_detail} (in {where})", this);
}
