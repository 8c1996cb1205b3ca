using Aksara.Migrations.Diffing;

namespace Aksara.Tests.Migrations;

/// <summary>Answers rename questions from a script, and remembers what was asked.</summary>
internal sealed class ScriptedRenameResolver(params bool[] answers) : IRenameResolver
{
    private readonly Queue<bool> _answers = new(answers);

    public List<string> Questions { get; } = [];

    public bool? IsRename(string from, string to)
    {
        Questions.Add($"{from} -> {to}");
        return _answers.Dequeue();
    }
}
